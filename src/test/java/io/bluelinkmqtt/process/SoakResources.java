package io.bluelinkmqtt.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Samples a child JVM's resources from outside, with JDK tools and {@code /proc}: heap after a full GC
 * ({@code jcmd <pid> GC.run}, then {@code jstat -gc <pid>}: S0U + S1U + EU + OU), live threads
 * ({@code Threads:} of {@code /proc/<pid>/status}) and open file descriptors ({@code /proc/<pid>/fd}).
 * Every tool run is bounded by a process wait with a timeout; a failed reading is -1.
 */
final class SoakResources {

  /** One sample; {@code secondsIn} counts from the bridge's start. */
  record Sample(long secondsIn, long heapAfterGcKib, int threads, int fds) {
  }

  private final long pid;
  private final Path jdkBin = Path.of(System.getProperty("java.home"), "bin");
  private final List<Sample> samples = new ArrayList<>();

  SoakResources(long pid) {
    this.pid = pid;
  }

  /** Takes one sample and keeps it. */
  synchronized Sample sample(long secondsIn) {
    run(jdkBin.resolve("jcmd").toString(), Long.toString(pid), "GC.run");
    Sample s = new Sample(secondsIn, heapUsedKib(), threads(), fds());
    samples.add(s);
    return s;
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  private long heapUsedKib() {
    String out = run(jdkBin.resolve("jstat").toString(), "-gc", Long.toString(pid));
    String[] lines = out.trim().split("\n");
    if (lines.length < 2) {
      return -1;
    }
    List<String> header = Arrays.asList(lines[0].trim().split("\\s+"));
    String[] values = lines[lines.length - 1].trim().split("\\s+");
    double sum = 0;
    for (String column : List.of("S0U", "S1U", "EU", "OU")) {
      int i = header.indexOf(column);
      if (i < 0 || i >= values.length) {
        return -1;
      }
      sum += Double.parseDouble(values[i].replace(',', '.'));
    }
    return Math.round(sum);
  }

  private int threads() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("Threads:")) {
          return Integer.parseInt(line.substring("Threads:".length()).trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private int fds() {
    try (Stream<Path> fd = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return (int) fd.count();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Runs a tool for at most 20 s and returns its output (empty on failure). */
  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "";
      }
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
