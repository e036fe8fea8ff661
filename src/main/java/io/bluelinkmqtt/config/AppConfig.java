package io.bluelinkmqtt.config;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole configuration, typed and validated. Each verticle receives only its own slice, as
 * records in its constructor (any node of a cluster builds them from the same file and
 * environment). Secrets are {@link Secret}s, so {@code toString()} of any of these records is safe
 * to log.
 *
 * @param demo true when the bridge runs against the built-in simulator (no account configured, or --demo)
 */
public record AppConfig(AccountConfig account, MqttConfig mqtt, ApiConfig api, CommandConfig command,
                        HomeAssistantConfig homeAssistant, StewardshipConfig stewardship, LogConfig logging,
                        boolean demo) {

  /**
   * @param vehicleId when set, only this vehicle (by the cloud's vehicle id or VIN) is bridged
   * @param topicIdSource what names a vehicle in topics: the cloud's vehicle id or the VIN
   */
  public record AccountConfig(Region region, Brand brand, String username, Secret password, Secret pin,
                              Optional<String> vehicleId, TopicIdSource topicIdSource) {
    public boolean configured() {
      return !username.isEmpty();
    }
  }

  /** What names a vehicle in MQTT topics. */
  public enum TopicIdSource { VEHICLE_ID, VIN }

  /**
   * @param qos the QoS of command subscriptions and of topics the table leaves to the user
   * @param keepAliveSeconds MQTT keep-alive; a dead link is detected within 2.5 × this
   * @param ackTimeoutSeconds how long a QoS 1 publish may wait for its PUBACK
   * @param maxMessageBytes largest incoming MQTT message handed on whole; a larger command is refused as too large
   * @param maxFrameBytes largest incoming MQTT packet the client decodes; a larger one forces a (clean) reconnect
   */
  public record MqttConfig(String host, int port, String username, Secret password, String clientId, int qos,
                           String baseTopic, int keepAliveSeconds, int ackTimeoutSeconds, int maxMessageBytes,
                           long reconnectBaseMs, long reconnectCapMs, TlsConfig tls, int maxFrameBytes) {

    /** The packet limit when none is configured. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1_048_576;

    /** With the default packet limit (or {@code maxMessageBytes}, if larger). */
    public MqttConfig(String host, int port, String username, Secret password, String clientId, int qos,
                      String baseTopic, int keepAliveSeconds, int ackTimeoutSeconds, int maxMessageBytes,
                      long reconnectBaseMs, long reconnectCapMs, TlsConfig tls) {
      this(host, port, username, password, clientId, qos, baseTopic, keepAliveSeconds, ackTimeoutSeconds,
          maxMessageBytes, reconnectBaseMs, reconnectCapMs, tls, Math.max(DEFAULT_MAX_FRAME_BYTES, maxMessageBytes));
    }
  }

  /**
   * @param insecureSkipHostnameVerification turns off the broker host name check; logs a warning
   */
  public record TlsConfig(boolean enabled, String caFile, String certFile, String keyFile,
                          boolean insecureSkipHostnameVerification) {
  }

  /**
   * The car-cloud client's settings, in named parts.
   *
   * @param stateDir where the token set, budget and wake audit are kept (files with mode 600)
   * @param workerPoolSize threads for blocking work (token files, RSA)
   * @param endpoints the account's region's base URLs; overridable so a simulator or proxy can stand in
   */
  public record ApiConfig(Path stateDir, int workerPoolSize, HttpLimits http, RefreshTimings refresh,
                          LoginBackoff login, RetryConfig retry, BreakerConfig breaker, RegionEndpoints endpoints,
                          ActionSettings actions) {

    /** With the default {@link ActionSettings}. */
    public ApiConfig(Path stateDir, int workerPoolSize, HttpLimits http, RefreshTimings refresh,
                     LoginBackoff login, RetryConfig retry, BreakerConfig breaker, RegionEndpoints endpoints) {
      this(stateDir, workerPoolSize, http, refresh, login, retry, breaker, endpoints, ActionSettings.DEFAULTS);
    }

    public ApiConfig withActions(ActionSettings settings) {
      return new ApiConfig(stateDir, workerPoolSize, http, refresh, login, retry, breaker, endpoints, settings);
    }

    public ApiConfig withStateDir(Path dir) {
      return new ApiConfig(dir, workerPoolSize, http, refresh, login, retry, breaker, endpoints, actions);
    }

    public ApiConfig withHttp(HttpLimits limits) {
      return new ApiConfig(stateDir, workerPoolSize, limits, refresh, login, retry, breaker, endpoints, actions);
    }

    public ApiConfig withRefresh(RefreshTimings timings) {
      return new ApiConfig(stateDir, workerPoolSize, http, timings, login, retry, breaker, endpoints, actions);
    }

    public ApiConfig withLogin(LoginBackoff backoff) {
      return new ApiConfig(stateDir, workerPoolSize, http, refresh, backoff, retry, breaker, endpoints, actions);
    }

    public ApiConfig withRetry(RetryConfig retries) {
      return new ApiConfig(stateDir, workerPoolSize, http, refresh, login, retries, breaker, endpoints, actions);
    }

    public ApiConfig withBreaker(BreakerConfig options) {
      return new ApiConfig(stateDir, workerPoolSize, http, refresh, login, retry, options, endpoints, actions);
    }

    public ApiConfig withEndpoints(RegionEndpoints urls) {
      return new ApiConfig(stateDir, workerPoolSize, http, refresh, login, retry, breaker, urls, actions);
    }
  }

  /**
   * Limits of one HTTP exchange with the cloud.
   *
   * @param requestDeadlineMs total deadline of one exchange (the client's own timeout is only an idle timeout)
   * @param idleTimeoutMs no byte for this long aborts an exchange
   * @param maxResponseBytes larger responses are aborted
   */
  public record HttpLimits(long requestDeadlineMs, long idleTimeoutMs, long connectTimeoutMs, int maxResponseBytes) {
  }

  /**
   * Deadlines and the bulkhead of refreshes.
   *
   * @param cachedDeadlineMs total deadline of a cached refresh
   * @param forceDeadlineMs total deadline of a forced refresh (CCS2 re-reads included)
   * @param ccs2PollIntervalMs how often a CCS2 forced refresh re-reads the cached state
   * @param maxPendingPerVehicle bulkhead: distinct operations waiting in a car's lane beyond the one running
   *     (identical ones join, unbounded)
   */
  public record RefreshTimings(long cachedDeadlineMs, long forceDeadlineMs, long ccs2PollIntervalMs,
                               int maxPendingPerVehicle) {
  }

  /**
   * Remote actions (docs/actions.md).
   *
   * @param allowed the actions an owner allows ({@code actions.allowed}, env {@code ACTIONS_ALLOWED}): {@code lock},
   *     {@code unlock}, {@code climate}, {@code charge}, {@code charge_limits}, {@code charging_current},
   *     {@code charge_port}, {@code windows}, {@code hazard}, {@code horn_lights}; all by default
   * @param deadlineMs how long an accepted action is polled for its final state ({@code api.actionDeadlineMs})
   * @param pollIntervalMs the spacing of the status polls ({@code api.actionPollIntervalMs})
   */
  public record ActionSettings(Set<String> allowed, long deadlineMs, long pollIntervalMs) {

    /** Every action this bridge implements. */
    public static final Set<String> ALL = Set.of("lock", "unlock", "climate", "charge", "charge_limits",
        "charging_current", "charge_port", "windows", "hazard", "horn_lights");
    public static final ActionSettings DEFAULTS = new ActionSettings(ALL, 120_000, 5_000);

    public ActionSettings {
      allowed = Set.copyOf(allowed);
    }
  }

  /** Spacing of failed logins: doubles from {@code baseMs} up to {@code capMs}, never a loop. */
  public record LoginBackoff(long baseMs, long capMs) {
  }

  /**
   * The overridden base URLs of the account's region, by the name its module gives them ("ccapi", …); a name
   * that is absent means "the region's and brand's real host".
   */
  public record RegionEndpoints(Map<String, String> urls) {

    public static final RegionEndpoints NONE = new RegionEndpoints(Map.of());

    public RegionEndpoints {
      urls = Map.copyOf(urls);
    }

    /** The override of {@code name}, or "" for none. */
    public String url(String name) {
      return urls.getOrDefault(name, "");
    }
  }

  /** Retries of transient upstream errors (5xx, timeouts, network) with exponential backoff and full jitter. */
  public record RetryConfig(int maxRetries, long baseDelayMs, long maxDelayMs) {
  }

  /**
   * Circuit breaker options; see docs/protocol-eu.md for why the defaults suit a rate-limited API.
   *
   * @param resetTimeoutMs how long the breaker stays open before the first probe
   * @param maxResetTimeoutMs the open period doubles while probes fail, up to this
   */
  public record BreakerConfig(int maxFailures, long failuresRollingWindowMs, long resetTimeoutMs, long timeoutMs,
                              long maxResetTimeoutMs) {

    /** The default cap of the open period. */
    public static final long DEFAULT_MAX_RESET_TIMEOUT_MS = 900_000;

    public BreakerConfig {
      maxResetTimeoutMs = Math.max(resetTimeoutMs, maxResetTimeoutMs);
    }

    /** With the default cap ({@value #DEFAULT_MAX_RESET_TIMEOUT_MS} ms). */
    public BreakerConfig(int maxFailures, long failuresRollingWindowMs, long resetTimeoutMs, long timeoutMs) {
      this(maxFailures, failuresRollingWindowMs, resetTimeoutMs, timeoutMs, DEFAULT_MAX_RESET_TIMEOUT_MS);
    }
  }

  /**
   * @param maxPayloadBytes larger command payloads are rejected before decoding
   * @param minForceIntervalSeconds minimum time between forced refreshes of one vehicle
   * @param maxSmartAgeSeconds the largest N accepted in {@code smart:N}
   * @param initialRefresh one cached refresh per vehicle at start-up
   */
  public record CommandConfig(int maxPayloadBytes, long minForceIntervalSeconds,
                              long maxSmartAgeSeconds, boolean initialRefresh) {
  }

  /**
   * @param discovery publish Home Assistant MQTT discovery
   * @param prefix discovery prefix (Home Assistant's default is "homeassistant")
   * @param smartButtonMaxAgeSeconds the N of the "smart refresh" button
   * @param legacyObjectId send {@code object_id} instead of {@code default_entity_id}, for Home Assistant before
   *     2025.10 (which ignores {@code default_entity_id}; 2026.4 and later ignore {@code object_id})
   */
  public record HomeAssistantConfig(boolean discovery, String prefix, long smartButtonMaxAgeSeconds,
                                    boolean legacyObjectId) {

    public HomeAssistantConfig(boolean discovery, String prefix, long smartButtonMaxAgeSeconds) {
      this(discovery, prefix, smartButtonMaxAgeSeconds, false);
    }
  }

  /**
   * @param dailyCallCap upstream calls allowed per rolling 24 h; 0 means the region's default
   * @param userReserve calls of the cap kept for user commands (start-up refreshes may not use them)
   * @param auxBatteryFloorPercent no forced refresh while the 12 V battery is below this
   * @param quietHoursStart start of quiet hours "HH:mm" (local time), empty for none
   * @param quietHoursEnd end of quiet hours "HH:mm"
   * @param timeZone zone of the quiet hours
   * @param systemReserve calls of the cap kept for the session and the vehicle list (no command may use them)
   * @param minReadIntervalSeconds a cached or smart read of a car this soon after its last read is answered
   *     from that read, with no call (0 turns it off)
   */
  public record StewardshipConfig(int dailyCallCap, int userReserve, int auxBatteryFloorPercent,
                                  String quietHoursStart, String quietHoursEnd, String timeZone, int systemReserve,
                                  long minReadIntervalSeconds) {

    public static final int DEFAULT_SYSTEM_RESERVE = 10;
    public static final long DEFAULT_MIN_READ_INTERVAL_SECONDS = 60;

    /** With the default system reserve and read window. */
    public StewardshipConfig(int dailyCallCap, int userReserve, int auxBatteryFloorPercent, String quietHoursStart,
                             String quietHoursEnd, String timeZone) {
      this(dailyCallCap, userReserve, auxBatteryFloorPercent, quietHoursStart, quietHoursEnd, timeZone,
          DEFAULT_SYSTEM_RESERVE, DEFAULT_MIN_READ_INTERVAL_SECONDS);
    }
  }

  /** @param format "json" (one object a line) or "text" */
  public record LogConfig(String level, String format) {
  }
}
