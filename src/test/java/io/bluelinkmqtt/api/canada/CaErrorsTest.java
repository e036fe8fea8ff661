package io.bluelinkmqtt.api.canada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.UpstreamResponse;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The §8.5 envelope, classified as the client reacts to it. */
class CaErrorsTest {

  private static ApiException failure(int status, String body) {
    return assertThrows(ApiException.class, () -> CaErrors.checkEnvelope(
        new UpstreamResponse(status, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(body)), Clock.systemUTC()));
  }

  private static String envelope(String code, String description) {
    return new JsonObject().put("responseHeader", new JsonObject().put("responseCode", 1).put("responseDesc", "Failure"))
        .put("error", new JsonObject().put("errorCode", code).put("errorDesc", description)).encode();
  }

  @Test
  @DisplayName("7403/7602/7606 re-login, 7110 the code, 7402/7404/7549/7710 refused, the limit text RATE_LIMITED")
  void codes() {
    Map<String, Kind> kinds = Map.of("7403", Kind.TOKEN_EXPIRED, "7602", Kind.TOKEN_EXPIRED, "7606", Kind.TOKEN_EXPIRED,
        "7110", Kind.AUTH_FAILED, "7402", Kind.AUTH_FAILED, "7404", Kind.AUTH_FAILED, "7549", Kind.AUTH_FAILED,
        "7710", Kind.AUTH_FAILED, "7445", Kind.OTHER);
    kinds.forEach((code, kind) -> {
      ApiException e = failure(200, envelope(code, "something"));
      assertEquals(kind, e.kind(), code);
      assertEquals(code, e.cloudCode());
    });
    assertEquals(Kind.RATE_LIMITED,
        failure(200, envelope("7445", "The maximum number of daily vehicle checks has been exceeded.")).kind());
    assertEquals(Kind.RATE_LIMITED, failure(200, envelope(null, "Daily request limit exceeded")).kind());
  }

  @Test
  @DisplayName("HTTP: 401 re-login, 429 retry-after, 5xx server error, the Cloudflare HTML page and other 4xx OTHER, "
      + "a success without JSON BAD_RESPONSE; a success envelope passes")
  void transport() {
    assertEquals(Kind.TOKEN_EXPIRED, failure(401, "").kind());
    assertEquals(Kind.RETRY_AFTER, failure(429, "").kind());
    assertEquals(Kind.SERVER_ERROR, failure(503, "").kind());
    assertEquals(Kind.OTHER, failure(403, "<html>Attention Required! | Cloudflare</html>").kind());
    assertEquals(Kind.BAD_RESPONSE, failure(200, "<html></html>").kind());
    JsonObject ok = new JsonObject().put("responseHeader", new JsonObject().put("responseCode", 0))
        .put("result", new JsonObject().put("x", 1));
    assertEquals(ok, CaErrors.checkEnvelope(new UpstreamResponse(200, MultiMap.caseInsensitiveMultiMap(),
        ok.toBuffer()), Clock.systemUTC()));
  }

  @Test
  @DisplayName("the set point code: the car's table start, 0.5 °C steps; below the table is unsupported, not moved")
  void setPointCode() {
    assertEquals("10H", CaActionBodies.tempCode(22.0, 2022));
    assertEquals("0CH", CaActionBodies.tempCode(22.0, 2019));
    assertEquals(Kind.UNSUPPORTED, assertThrows(ApiException.class, () -> CaActionBodies.tempCode(15.0, 2019)).kind());
  }

  @Test
  @DisplayName("masks: the e-mail keeps its first letters and the top-level domain, the phone its last two digits")
  void masks() {
    assertEquals("j***@e***.ca", CaMfaChallenge.maskEmail("jane.doe@example.ca"));
    assertEquals("***34", CaMfaChallenge.maskPhone("+1 (514) 555-1234"));
  }
}
