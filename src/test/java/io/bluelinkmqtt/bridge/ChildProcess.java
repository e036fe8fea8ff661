package io.bluelinkmqtt.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A client program in another language, run to its end from the JUnit thread; only this child is ever killed. */
final class ChildProcess {

  record Result(int exitCode, String stdout, String stderr) {
  }

  private ChildProcess() {
  }

  /** True when {@code command --version} runs: the interpreter is on this machine. */
  static boolean available(String command) {
    try {
      Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Result run(Path directory, Duration within, List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("bridge-client", ".out");
    Path err = Files.createTempFile("bridge-client", ".err");
    Process process = new ProcessBuilder(command).directory(directory.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new AssertionError(command.get(0) + " did not finish within " + within + "; stderr: "
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The project's directory, as Maven passes it (or the working directory). */
  static Path projectDir() {
    return Path.of(System.getProperty("project.basedir", "."));
  }
}
