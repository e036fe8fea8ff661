package io.bluelinkmqtt.sim.ushyundai;

import io.bluelinkmqtt.domain.Brand;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.TimeUnit;

/**
 * One throwaway round trip to a US simulator on a Vert.x of its own, for a test class's {@code @BeforeAll}: the first
 * HTTP exchange in a JVM links Vert.x's and Netty's lambdas on the event loop, which takes hundreds of milliseconds on
 * a loaded machine and would trip the strict blocked-thread checker in whichever test happens to come first.
 */
public final class UsSimWarmUp {

  private UsSimWarmUp() {
  }

  public static void run() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      UsHyundaiSimulator simulator = new UsHyundaiSimulator(vertx, UsSimSettings.defaults(Brand.HYUNDAI));
      int port = simulator.start().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      // held in a variable: an unreferenced client may be closed by the cleaner mid-request
      HttpClient client = vertx.createHttpClient();
      client.request(HttpMethod.POST, port, "127.0.0.1", "/v2/ac/oauth/token")
          .compose(request -> request.send("{}"))
          .compose(response -> response.body())
          .eventually(client::close)
          .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }
}
