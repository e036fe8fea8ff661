package io.bluelinkmqtt.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** URL helpers for logs and validation: credentials in a URL never reach a log line or an error message. */
public final class Urls {

  /** {@code scheme://userinfo@}: everything between "//" and the first "@" before the host's end. */
  private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#@\\s]*@");

  private Urls() {
  }

  /** {@code text} with the user info of every URL in it replaced by {@code ***}; null stays null. */
  public static String redact(String text) {
    return text == null || text.indexOf('@') < 0 ? text : USERINFO.matcher(text).replaceAll("$1***@");
  }

  /** The lower-case host of an absolute URL, if it has one. */
  static Optional<String> host(String url) {
    try {
      String host = new URI(url).getHost();
      return host == null ? Optional.empty() : Optional.of(host.toLowerCase(Locale.ROOT));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** True for localhost and the loopback addresses (127.0.0.0/8, ::1), which plain HTTP may use. */
  static boolean isLoopback(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return h.equals("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
  }
}
