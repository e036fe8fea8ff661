package io.bluelinkmqtt.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment variables the bridge reads, and the config key each one overrides; the region modules declare
 * their base-URL variables themselves ({@link RegionSupport}).
 */
final class EnvVars {

  /** env name → dotted config path. */
  static final Map<String, String> TO_PATH = new LinkedHashMap<>();
  /** Paths that hold secrets: taken only from the environment (or a *_FILE), never echoed. */
  static final Set<String> SECRET_PATHS = Set.of("account.password", "account.pin", "mqtt.password",
      HttpConfig.AUTH_TOKEN_PATH, EventBusBridgeConfig.SECRET_PATH);

  static {
    TO_PATH.put("HYUNDAI_USERNAME", "account.username");
    TO_PATH.put("HYUNDAI_PASSWORD", "account.password");
    TO_PATH.put("HYUNDAI_PIN", "account.pin");
    TO_PATH.put("HYUNDAI_REGION", "account.region");
    TO_PATH.put("HYUNDAI_BRAND", "account.brand");
    TO_PATH.put("HYUNDAI_VEHICLE_ID", "account.vehicleId");
    TO_PATH.put("TOPIC_ID_SOURCE", "account.topicIdSource");
    TO_PATH.put("MQTT_BROKER_HOST", "mqtt.host");
    TO_PATH.put("MQTT_BROKER_PORT", "mqtt.port");
    TO_PATH.put("MQTT_USERNAME", "mqtt.username");
    TO_PATH.put("MQTT_PASSWORD", "mqtt.password");
    TO_PATH.put("MQTT_USE_TLS", "mqtt.tls.enabled");
    TO_PATH.put("MQTT_TLS_CA_FILE", "mqtt.tls.caFile");
    TO_PATH.put("MQTT_TLS_CERT_FILE", "mqtt.tls.certFile");
    TO_PATH.put("MQTT_TLS_KEY_FILE", "mqtt.tls.keyFile");
    TO_PATH.put("MQTT_TLS_INSECURE", "mqtt.tls.insecureSkipHostnameVerification");
    TO_PATH.put("MQTT_CLIENT_ID", "mqtt.clientId");
    TO_PATH.put("MQTT_QOS", "mqtt.qos");
    TO_PATH.put("MQTT_BASE_TOPIC", "mqtt.baseTopic");
    TO_PATH.put("MQTT_KEEPALIVE_SECONDS", "mqtt.keepAliveSeconds");
    TO_PATH.put("BLUELINK_STATE_DIR", "api.stateDir");
    TO_PATH.put("BLUELINK_ALLOW_INSECURE_HTTP", "api.allowInsecureHttp");
    TO_PATH.put("INITIAL_REFRESH", "command.initialRefresh");
    TO_PATH.put("MIN_FORCE_INTERVAL_SECONDS", "command.minForceIntervalSeconds");
    TO_PATH.put("ACTIONS_ALLOWED", "actions.allowed");
    TO_PATH.put("HA_DISCOVERY", "homeAssistant.discovery");
    TO_PATH.put("HA_DISCOVERY_PREFIX", "homeAssistant.prefix");
    TO_PATH.put("HA_LEGACY_OBJECT_ID", "homeAssistant.legacyObjectId");
    TO_PATH.put("API_DAILY_CALL_CAP", "stewardship.dailyCallCap");
    TO_PATH.put("AUX_BATTERY_FLOOR_PERCENT", "stewardship.auxBatteryFloorPercent");
    TO_PATH.put("MIN_READ_INTERVAL_SECONDS", "stewardship.minReadIntervalSeconds");
    TO_PATH.put("QUIET_HOURS_START", "stewardship.quietHoursStart");
    TO_PATH.put("QUIET_HOURS_END", "stewardship.quietHoursEnd");
    TO_PATH.put("TZ", "stewardship.timeZone");
    TO_PATH.put("LOG_LEVEL", "logging.level");
    TO_PATH.put("LOG_FORMAT", "logging.format");
    TO_PATH.put("HTTP_HOST", HttpConfig.HOST_PATH);
    TO_PATH.put("HTTP_PORT", HttpConfig.PORT_PATH);
    TO_PATH.put("HTTP_AUTH_TOKEN", HttpConfig.AUTH_TOKEN_PATH);
    TO_PATH.put("EVENTBUS_TCP_ENABLED", EventBusBridgeConfig.TCP_ENABLED_PATH);
    TO_PATH.put("EVENTBUS_TCP_HOST", EventBusBridgeConfig.TCP_HOST_PATH);
    TO_PATH.put("EVENTBUS_TCP_PORT", EventBusBridgeConfig.TCP_PORT_PATH);
    TO_PATH.put("EVENTBUS_SOCKJS_ENABLED", EventBusBridgeConfig.SOCKJS_ENABLED_PATH);
    TO_PATH.put("EVENTBUS_SOCKJS_HOST", EventBusBridgeConfig.SOCKJS_HOST_PATH);
    TO_PATH.put("EVENTBUS_SOCKJS_PORT", EventBusBridgeConfig.SOCKJS_PORT_PATH);
    TO_PATH.put("EVENTBUS_SECRET", EventBusBridgeConfig.SECRET_PATH);
  }

  /** Variables that may instead be given as {@code <NAME>_FILE} (Docker secrets). */
  static final List<String> FILE_CAPABLE = List.of("HYUNDAI_USERNAME", "HYUNDAI_PASSWORD", "HYUNDAI_PIN",
      "MQTT_USERNAME", "MQTT_PASSWORD", "HTTP_AUTH_TOKEN", "EVENTBUS_SECRET");

  /** Every name the env store must read: the plain names and their *_FILE variants. */
  static List<String> allNames() {
    List<String> names = new java.util.ArrayList<>(TO_PATH.keySet());
    FILE_CAPABLE.forEach(n -> names.add(n + "_FILE"));
    return names;
  }

  private EnvVars() {
  }
}
