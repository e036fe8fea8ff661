package io.bluelinkmqtt.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bluelinkmqtt.api.ApiException.Kind;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the region modules share through the neutral layer: the HTTP-status checks, the base URL rule, mapping. */
class SharedModulePartsTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  @DisplayName("a 429 is RETRY_AFTER with its Retry-After in ms (the default without one); other statuses pass")
  void retryAfter() {
    ApiException wait = assertThrows(ApiException.class, () -> ApiErrors.throwIfRetryAfter(response(429, "7"), CLOCK));
    assertEquals(Kind.RETRY_AFTER, wait.kind());
    assertEquals(7_000, wait.retryAfterMs());
    ApiException unstated = assertThrows(ApiException.class,
        () -> ApiErrors.throwIfRetryAfter(response(429, null), CLOCK));
    assertEquals(ApiErrors.DEFAULT_RETRY_AFTER_MS, unstated.retryAfterMs());
    assertDoesNotThrow(() -> ApiErrors.throwIfRetryAfter(response(503, "7"), CLOCK));
  }

  @Test
  @DisplayName("with no error in the body: 401 is an expired token, 5xx a server error, 3xx/4xx a refusal, 2xx passes")
  void httpStatusAlone() {
    assertEquals(Kind.TOKEN_EXPIRED, assertThrows(ApiException.class, () -> ApiErrors.throwIfHttpFailure(401)).kind());
    assertEquals(Kind.SERVER_ERROR, assertThrows(ApiException.class, () -> ApiErrors.throwIfHttpFailure(502)).kind());
    assertEquals(Kind.OTHER, assertThrows(ApiException.class, () -> ApiErrors.throwIfHttpFailure(403)).kind());
    assertEquals(Kind.OTHER, assertThrows(ApiException.class, () -> ApiErrors.throwIfHttpFailure(302)).kind());
    assertDoesNotThrow(() -> ApiErrors.throwIfHttpFailure(200));
    assertDoesNotThrow(() -> ApiErrors.throwIfHttpFailure(204));
  }

  @Test
  @DisplayName("a base URL: the override trimmed, else the default; never a trailing slash")
  void baseUrl() {
    assertEquals("https://host/api", CloudSetup.trimmedBase(null, "https://host/api/"));
    assertEquals("https://host/api", CloudSetup.trimmedBase("  ", "https://host/api"));
    assertEquals("http://127.0.0.1:8080", CloudSetup.trimmedBase(" http://127.0.0.1:8080/ ", "https://host/api"));
  }

  @Test
  @DisplayName("a mapper's own failure passes; any other is BAD_RESPONSE naming only the exception's class")
  void mapped() {
    assertEquals("ok", ApiErrors.mapped(() -> "ok"));
    ApiException own = new ApiException(Kind.WRONG_PIN, "pin");
    assertEquals(own, assertThrows(ApiException.class, () -> ApiErrors.mapped(() -> {
      throw own;
    })));
    ApiException shape = assertThrows(ApiException.class, () -> ApiErrors.mapped(() -> {
      throw new ClassCastException("secret-looking text");
    }));
    assertEquals(Kind.BAD_RESPONSE, shape.kind());
    assertEquals("vehicle data has an unexpected shape (ClassCastException)", shape.getMessage());
  }

  private static UpstreamResponse response(int status, String retryAfter) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (retryAfter != null) {
      headers.add("Retry-After", retryAfter);
    }
    return new UpstreamResponse(status, headers, Buffer.buffer());
  }
}
