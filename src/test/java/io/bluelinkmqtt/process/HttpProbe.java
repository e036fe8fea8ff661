package io.bluelinkmqtt.process;

import io.bluelinkmqtt.testsupport.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP requests to the bridge's server in a child process: one request, or the same request repeated on a Vert.x
 * timer (no sleeping thread) until its response matches; and the Prometheus text's values.
 */
final class HttpProbe {

  private static final long RETRY_MS = 100;
  private final Vertx vertx;
  private final WebClient client;
  private final int port;
  private final String token;

  HttpProbe(Vertx vertx, int port, String token) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.port = port;
    this.token = token;
  }

  HttpResponse<Buffer> get(String path) {
    return Await.result(request(path, true), Duration.ofSeconds(10));
  }

  HttpResponse<Buffer> getWithoutToken(String path) {
    return Await.result(request(path, false), Duration.ofSeconds(10));
  }

  /** Asks again every 100 ms (connection refused included) until the response matches. */
  HttpResponse<Buffer> awaitResponse(String path, Predicate<HttpResponse<Buffer>> match, Duration within) {
    Promise<HttpResponse<Buffer>> matched = Promise.promise();
    poll(path, match, matched);
    try {
      return Await.result(matched.future(), within);
    } finally {
      matched.tryFail("gave up");
    }
  }

  private void poll(String path, Predicate<HttpResponse<Buffer>> match, Promise<HttpResponse<Buffer>> matched) {
    request(path, true).onComplete(ar -> {
      if (ar.succeeded() && match.test(ar.result())) {
        matched.tryComplete(ar.result());
      } else if (!matched.future().isComplete()) {
        vertx.setTimer(RETRY_MS, id -> poll(path, match, matched));
      }
    });
  }

  private Future<HttpResponse<Buffer>> request(String path, boolean withToken) {
    var request = client.get(port, "127.0.0.1", path).timeout(5_000);
    if (withToken && token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.send();
  }

  /** The value of one sample, e.g. {@code bluelink_commands_total{command="refresh",status="ok"}}; 0 when absent. */
  static double sample(String exposition, String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** The sum of every sample of a metric name whose labels contain {@code labelPart} (may be empty). */
  static double sum(String exposition, String name, String labelPart) {
    Matcher m = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE)
        .matcher(exposition);
    double total = 0;
    while (m.find()) {
      if (m.group(1).contains(labelPart)) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return total;
  }

  /** Runs {@code promtool check metrics} on the text; returns its output, or null when promtool is absent. */
  static PromtoolResult promtool(String exposition) {
    Path promtool = Path.of("/usr/bin/promtool");
    if (!Files.isExecutable(promtool)) {
      return null;
    }
    try {
      Path input = Files.createTempFile("metrics-", ".txt");
      Files.writeString(input, exposition, StandardCharsets.UTF_8);
      Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true)
          .redirectInput(input.toFile()).start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("promtool did not finish within 30 s");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new PromtoolResult(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  record PromtoolResult(int exitCode, String output) {
  }
}
