package io.bluelinkmqtt.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real {@code mosquitto_sub -v} CLI as a child process, as the README tells a user to run it.
 * A reader thread collects its output lines ({@code topic payload}); a test waits for a line with
 * a bounded monitor wait, woken by each new line.
 */
final class MosquittoSub implements AutoCloseable {

  /** One printed line and when this JVM read it ({@link System#nanoTime()}). */
  record Line(String text, long readNanos) {
  }

  private final Process process;
  private final List<Line> lines = new ArrayList<>();

  private MosquittoSub(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readLines, "mosquitto_sub-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** {@code mosquitto_sub -h host -p port -t filter -v}. */
  static MosquittoSub start(String host, int port, String filter) {
    return start(host, port, List.of("-t", filter, "-v"));
  }

  /** {@code mosquitto_sub -h host -p port <args>}, e.g. several {@code -t} and an output format {@code -F}. */
  static MosquittoSub start(String host, int port, List<String> args) {
    List<String> command = new ArrayList<>(List.of("mosquitto_sub", "-h", host, "-p", Integer.toString(port)));
    command.addAll(args);
    try {
      return new MosquittoSub(new ProcessBuilder(command).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code mosquitto_pub -h host -p port -t topic -m message}; fails the test unless it exits 0 within 10 s. */
  static void publish(String host, int port, String topic, String message) {
    publish(host, port, List.of("-t", topic, "-q", "1", "-m", message));
  }

  /** {@code mosquitto_pub -h host -p port <args>}; fails the test unless it exits 0 within 10 s. */
  static void publish(String host, int port, List<String> args) {
    List<String> command = new ArrayList<>(List.of("mosquitto_pub", "-h", host, "-p", Integer.toString(port)));
    command.addAll(args);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new AssertionError("mosquitto_pub failed: " + new String(p.getInputStream().readAllBytes(),
            StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The first line (seen already or still to come) matching {@code predicate}. */
  synchronized Line awaitLine(Predicate<String> predicate, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      for (Line line : lines) {
        if (predicate.test(line.text())) {
          return line;
        }
      }
      long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (leftMs <= 0) {
        throw new AssertionError("no matching line within " + within + "; mosquitto_sub "
            + (process.isAlive() ? "running" : "exited with " + process.exitValue()) + ", printed:\n"
            + String.join("\n", lines().stream().map(Line::text).toList()));
      }
      try {
        wait(leftMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /** Every line printed so far. */
  synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  private void readLines() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (this) {
          lines.add(new Line(line, System.nanoTime()));
          notifyAll();
        }
      }
    } catch (IOException closed) {
      // the process was stopped; nothing more to read
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
