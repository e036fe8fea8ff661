package io.bluelinkmqtt.api;

import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;

/**
 * An upstream failure, classified once ({@link ApiErrors}) so that retries, the circuit breaker,
 * the token refresh and the reply code all branch on the same {@link Kind}. The message is safe
 * to show: it never holds a token, a password or a raw upstream body.
 */
public final class ApiException extends BridgeException {

  /** What went wrong upstream, with how the client reacts to it. */
  public enum Kind {
    /** The access token was refused ("Key not authorized", HTTP 401, 7501): refresh once and retry once. */
    TOKEN_EXPIRED(Failure.AUTH_FAILED, false, false),
    /** Login, refresh or credentials failed for good. */
    AUTH_FAILED(Failure.AUTH_FAILED, false, false),
    /** 5091: the daily quota is exhausted. */
    RATE_LIMITED(Failure.RATE_LIMITED, false, false),
    /** HTTP 429 with Retry-After: no call to that endpoint before it passes. */
    RETRY_AFTER(Failure.RATE_LIMITED, false, false),
    /** Our own call budget refused the call; nothing was sent. */
    BUDGET(Failure.RATE_LIMITED, false, false),
    /** 4004: a previous request is still being processed. */
    DUPLICATE(Failure.BUSY, false, false),
    /** 4002: the device id was invalidated; re-register once and retry. */
    DEVICE_INVALID(Failure.UPSTREAM_ERROR, false, false),
    /** 4081, 5031, 9999: the car did not answer; transient, but the cloud itself is up. */
    CAR_UNREACHABLE(Failure.CAR_UNREACHABLE, true, false),
    /** HTTP 5xx without a known code. */
    SERVER_ERROR(Failure.UPSTREAM_ERROR, true, true),
    /** The total deadline, the idle timeout or the connect timeout fired. */
    TIMEOUT(Failure.UPSTREAM_TIMEOUT, true, true),
    /**
     * A call that waits for the car (a wake) got no answer in time: the car is asleep or out of coverage.
     * Not an outage of the cloud, so the breaker does not count it; not resent (a wake is sent once).
     */
    CAR_TIMEOUT(Failure.UPSTREAM_TIMEOUT, false, false),
    /** Connection refused, reset, closed mid-body. */
    NETWORK(Failure.NETWORK, true, true),
    /** Not JSON, wrong types, too large. */
    BAD_RESPONSE(Failure.BAD_RESPONSE, false, true),
    /** The circuit breaker is open: failed fast, nothing was sent. */
    BREAKER_OPEN(Failure.UPSTREAM_UNAVAILABLE, false, false),
    /** Our own HTTP pool's wait queue is full (the bulkhead): nothing was sent, the cloud is not to blame. */
    POOL_BUSY(Failure.BUSY, true, false),
    /**
     * The login waits for the owner's one-time code ({@link OneTimeCodes}): nothing was sent, no other login is
     * attempted until the code is given or the challenge is over.
     */
    LOGIN_PENDING(Failure.LOGIN_PENDING, false, false),
    /** The cloud gave no control token for the PIN: never retried (the cloud locks PIN entry after 5 failures). */
    WRONG_PIN(Failure.AUTH_FAILED, false, false),
    /** 4005: the car does not support this action. */
    UNSUPPORTED(Failure.UPSTREAM_ERROR, false, false),
    /** Any other refusal (another code in the answer, another 4xx). */
    OTHER(Failure.UPSTREAM_ERROR, false, false);

    private final Failure failure;
    private final boolean retryable;
    private final boolean outage;

    Kind(Failure failure, boolean retryable, boolean outage) {
      this.failure = failure;
      this.retryable = retryable;
      this.outage = outage;
    }

    public Failure failure() {
      return failure;
    }

    /** Transient: worth another attempt after a backoff, within the budget. */
    public boolean retryable() {
      return retryable;
    }

    /** Means "the service is down": the only kinds the circuit breaker counts. */
    public boolean outage() {
      return outage;
    }
  }

  private final Kind kind;
  private final String cloudCode;
  private final long retryAfterMs;

  public ApiException(Kind kind, String safeMessage) {
    this(kind, safeMessage, null, 0);
  }

  public ApiException(Kind kind, String safeMessage, String cloudCode, long retryAfterMs) {
    super(kind.failure(), safeMessage);
    this.kind = kind;
    this.cloudCode = cloudCode;
    this.retryAfterMs = retryAfterMs;
  }

  public Kind kind() {
    return kind;
  }

  /** The cloud's own error code from the answer (the EU envelope's resCode), when there was one. */
  public String cloudCode() {
    return cloudCode;
  }

  /** For {@link Kind#RETRY_AFTER}: how long the server asked us to wait. */
  public long retryAfterMs() {
    return retryAfterMs;
  }

  /** The same failure with another kind (e.g. a second TOKEN_EXPIRED becomes AUTH_FAILED). */
  public ApiException as(Kind other, String safeMessage) {
    return new ApiException(other, safeMessage, cloudCode, retryAfterMs);
  }
}
