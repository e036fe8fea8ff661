package io.bluelinkmqtt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.eu.EuErrors;
import io.bluelinkmqtt.bus.Failure;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

  @Test
  @DisplayName("a full HTTP wait queue is our own bulkhead: busy and retryable, never counted as a cloud outage")
  void poolBusyIsNotAnOutage() {
    ApiException busy = ApiErrors.from(new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 32"));
    assertEquals(Kind.POOL_BUSY, busy.kind());
    assertEquals(Failure.BUSY, busy.kind().failure());
    assertTrue(busy.kind().retryable());
    assertFalse(ApiErrors.isOutage(new ConnectionPoolTooBusyException("full")));
  }

  @Test
  @DisplayName("timeouts and refused connections are outages the breaker counts; a 4004 duplicate is not")
  void outageClassification() {
    assertTrue(ApiErrors.isOutage(new TimeoutException()));
    assertTrue(ApiErrors.isOutage(new ConnectException("refused")));
    assertFalse(ApiErrors.isOutage(EuErrors.fromResCode("4004")));
    assertFalse(ApiErrors.isOutage(EuErrors.fromResCode("5091")));
  }
}
