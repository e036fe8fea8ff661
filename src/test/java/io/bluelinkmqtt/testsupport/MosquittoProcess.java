package io.bluelinkmqtt.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Debian {@code mosquitto} binary as a child process on a free 127.0.0.1 port, with its own temp
 * directory, generated config, persistence and log file. {@link #kill()} is SIGKILL (retained
 * messages since the last autosave are lost), {@link #term()} is SIGTERM (saved), {@link #restart()}
 * comes back on the same port. Every wait is bounded.
 */
public final class MosquittoProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MosquittoProcess.class);
  private static final String BINARY = "/usr/sbin/mosquitto";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  /** TLS listener settings; paths are PEM files readable by the broker. */
  public record Tls(Path caFile, Path certFile, Path keyFile, boolean requireCertificate) {
  }

  private final Path dir;
  private final int port;
  private final Path configFile;
  private final Path logFile;
  private Process process;

  private MosquittoProcess(Builder builder) {
    try {
      this.dir = Files.createTempDirectory("mosquitto-");
      this.port = builder.port > 0 ? builder.port : freePort();
      this.logFile = dir.resolve("mosquitto.log");
      this.configFile = dir.resolve("mosquitto.conf");
      Files.writeString(configFile, config(builder));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A plain anonymous broker, started. */
  public static MosquittoProcess startDefault() {
    return builder().build().start();
  }

  public int port() {
    return port;
  }

  public String host() {
    return "127.0.0.1";
  }

  public Path directory() {
    return dir;
  }

  /** Starts the broker and waits until its port accepts connections. */
  public synchronized MosquittoProcess start() {
    if (process != null && process.isAlive()) {
      return this;
    }
    try {
      process = new ProcessBuilder(BINARY, "-c", configFile.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitPortOpen();
    LOG.info("mosquitto {} listening on 127.0.0.1:{} (dir {})", process.pid(), port, dir);
    return this;
  }

  /** SIGKILL: no will messages, no persistence save. */
  public synchronized void kill() {
    stop(true);
  }

  /** SIGTERM: the broker saves its persistence and exits. */
  public synchronized void term() {
    stop(false);
  }

  /** Starts again on the same port, with the same config and persistence directory. */
  public synchronized MosquittoProcess restart() {
    return start();
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The broker's log file as text (empty if not written yet). */
  public String log() {
    try {
      return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Log lines containing {@code needle}, e.g. {@code "New client connected"} to count connection attempts. */
  public List<String> logLines(String needle) {
    List<String> lines = new ArrayList<>();
    for (String line : log().split("\n")) {
      if (line.contains(needle)) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Override
  public void close() {
    kill();
  }

  private void stop(boolean forcibly) {
    if (process == null || !process.isAlive()) {
      return;
    }
    if (forcibly) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("mosquitto on port {} stopped ({})", port, forcibly ? "SIGKILL" : "SIGTERM");
  }

  private void awaitPortOpen() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        waitForExitOrPause();
      }
    }
    throw new IllegalStateException("mosquitto did not open port " + port + " within " + START_TIMEOUT + "; log:\n" + log());
  }

  /** The pause between two connect attempts doubles as the check that the broker did not die at start. */
  private void waitForExitOrPause() {
    try {
      if (process.waitFor(20, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("mosquitto exited with " + process.exitValue() + "; log:\n" + log()
            + readQuietly(dir.resolve("stdout.log")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for mosquitto", e);
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private String config(Builder b) throws IOException {
    StringBuilder c = new StringBuilder();
    c.append("user root\n");
    c.append("persistence true\n");
    c.append("persistence_location ").append(dir).append("/\n");
    c.append("log_dest file ").append(logFile).append('\n');
    c.append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\nlog_type subscribe\n");
    c.append("connection_messages true\n");
    if (b.messageSizeLimit > 0) {
      c.append("message_size_limit ").append(b.messageSizeLimit).append('\n');
    }
    c.append("listener ").append(port).append(" 127.0.0.1\n");
    if (b.username != null) {
      Path passwords = dir.resolve("passwords");
      runPasswd(passwords, b.username, b.password);
      c.append("allow_anonymous false\n");
      c.append("password_file ").append(passwords).append('\n');
    } else {
      c.append("allow_anonymous true\n");
    }
    if (b.tls != null) {
      c.append("cafile ").append(b.tls.caFile()).append('\n');
      c.append("certfile ").append(b.tls.certFile()).append('\n');
      c.append("keyfile ").append(b.tls.keyFile()).append('\n');
      c.append("require_certificate ").append(b.tls.requireCertificate()).append('\n');
    }
    return c.toString();
  }

  private static void runPasswd(Path file, String user, String password) throws IOException {
    Process p = new ProcessBuilder("mosquitto_passwd", "-b", "-c", file.toString(), user, password)
        .redirectErrorStream(true).start();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("mosquitto_passwd failed: " + new String(p.getInputStream().readAllBytes()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A port that was free a moment ago on 127.0.0.1. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Options of one broker; call {@link #build()} then {@link MosquittoProcess#start()}. */
  public static final class Builder {
    private int port;
    private String username;
    private String password;
    private int messageSizeLimit;
    private Tls tls;

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Requires this user (anonymous access off), password stored with {@code mosquitto_passwd -b}. */
    public Builder user(String username, String password) {
      this.username = username;
      this.password = password;
      return this;
    }

    public Builder messageSizeLimit(int bytes) {
      this.messageSizeLimit = bytes;
      return this;
    }

    /** Makes the listener a TLS listener. */
    public Builder tls(Tls tls) {
      this.tls = tls;
      return this;
    }

    public MosquittoProcess build() {
      return new MosquittoProcess(this);
    }
  }
}
