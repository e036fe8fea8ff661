package io.bluelinkmqtt.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bluelinkmqtt.api.canada.CaBrandProfile;
import io.bluelinkmqtt.api.canada.CanadaModule;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.sim.canada.CaWarmUp;
import io.bluelinkmqtt.testsupport.Await;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Demo mode's Canadian cloud: the simulator for each brand, pointed at by the module's one base URL, asking a code. */
@ExtendWith(VertxExtension.class)
class DemoCloudsCanadaTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @BeforeAll
  static void warmUp() {
    CaWarmUp.loginRoundTrip();
  }

  @Test
  @DisplayName("--demo with HYUNDAI_REGION=CANADA runs the Canadian simulator; a new device's login asks for a code")
  void canadaHasADemoCloud(Vertx vertx) {
    for (Brand brand : Brand.values()) {
      DemoCloud cloud = DemoClouds.forRegion(vertx, Region.CANADA, brand);
      Await.result(cloud.start(), WAIT);
      try {
        assertEquals(cloud.baseUrl(), cloud.endpoints().url(CanadaModule.TODS));
        assertEquals(2, cloud.vehicleIds().size());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("client_id", CaBrandProfile.CLIENT_ID)
            .add("client_secret", CaBrandProfile.CLIENT_SECRET).add("from", "CWP").add("language", "0")
            .add("offset", "-5").add("Deviceid", "ZGVtby1kZXZpY2U=").add("Content-Type", "application/json");
        JsonObject body = new JsonObject().put("loginId", cloud.username()).put("password", cloud.password());
        // on an event loop: a body asked for from another thread after the response ended would never come
        io.vertx.core.Promise<String> login = io.vertx.core.Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> vertx.createHttpClient().request(new RequestOptions()
                .setMethod(HttpMethod.POST).setAbsoluteURI(cloud.baseUrl() + "/v2/login").setHeaders(headers))
            .compose(request -> request.send(Buffer.buffer(body.encode())))
            .compose(HttpClientResponse::body).map(Buffer::toString)
            .onComplete(login));
        String answer = Await.result(login.future(), WAIT);
        assertEquals("7110", new JsonObject(answer).getJsonObject("error").getString("errorCode"), answer);
      } finally {
        Await.result(cloud.stop(), WAIT);
      }
    }
  }
}
