package io.bluelinkmqtt.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker/compose.yaml parsed as YAML, with the accessors the checks need. {@code ${NAME:-default}} is resolved to
 * its default, which is what {@code docker compose} does when NAME is unset.
 */
public final class ComposeFile {

  private static final Pattern DEFAULTED = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(:-([^}]*))?}");

  private final Map<String, Object> root;

  private ComposeFile(Map<String, Object> root) {
    this.root = root;
  }

  public static Path directory() {
    return Path.of(System.getProperty("project.basedir", "."), "docker");
  }

  public static ComposeFile read() {
    try {
      Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions()))
          .load(Files.readString(directory().resolve("compose.yaml")));
      return new ComposeFile(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> section(String name) {
    Object section = root.get(name);
    return section == null ? Map.of() : (Map<String, Object>) section;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> service(String name) {
    Map<String, Object> service = (Map<String, Object>) section("services").get(name);
    if (service == null) {
      throw new AssertionError("compose.yaml has no service " + name);
    }
    return service;
  }

  /** A service's environment map, values resolved as with every variable unset. */
  @SuppressWarnings("unchecked")
  public Map<String, String> environment(String service) {
    Object env = service(service).get("environment");
    if (env == null) {
      return Map.of();
    }
    if (!(env instanceof Map)) {
      throw new AssertionError(service + ": environment must be a map (NAME: value)");
    }
    Map<String, String> resolved = new java.util.LinkedHashMap<>();
    ((Map<String, Object>) env).forEach((k, v) -> resolved.put(k, resolve(String.valueOf(v))));
    return resolved;
  }

  @SuppressWarnings("unchecked")
  public List<String> list(String service, String key) {
    Object value = service(service).get(key);
    return value == null ? List.of() : (List<String>) value;
  }

  /** The host file of a file secret, relative to the compose directory. */
  @SuppressWarnings("unchecked")
  public String secretFile(String secret) {
    Map<String, Object> definition = (Map<String, Object>) section("secrets").get(secret);
    if (definition == null) {
      throw new AssertionError("compose.yaml defines no secret " + secret);
    }
    return (String) definition.get("file");
  }

  static String resolve(String value) {
    Matcher m = DEFAULTED.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(3) == null ? "" : m.group(3)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
