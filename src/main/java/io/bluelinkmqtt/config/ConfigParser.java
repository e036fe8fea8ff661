package io.bluelinkmqtt.config;

import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.ActionSettings;
import io.bluelinkmqtt.config.AppConfig.ApiConfig;
import io.bluelinkmqtt.config.AppConfig.BreakerConfig;
import io.bluelinkmqtt.config.AppConfig.CommandConfig;
import io.bluelinkmqtt.config.AppConfig.HomeAssistantConfig;
import io.bluelinkmqtt.config.AppConfig.HttpLimits;
import io.bluelinkmqtt.config.AppConfig.LogConfig;
import io.bluelinkmqtt.config.AppConfig.LoginBackoff;
import io.bluelinkmqtt.config.AppConfig.MqttConfig;
import io.bluelinkmqtt.config.AppConfig.RefreshTimings;
import io.bluelinkmqtt.config.AppConfig.RegionEndpoints;
import io.bluelinkmqtt.config.AppConfig.RetryConfig;
import io.bluelinkmqtt.config.AppConfig.StewardshipConfig;
import io.bluelinkmqtt.config.AppConfig.TlsConfig;
import io.bluelinkmqtt.config.AppConfig.TopicIdSource;
import io.bluelinkmqtt.config.RegionSupport.EndpointSetting;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.domain.VehicleIds;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns the config file's JSON and the environment into an {@link AppConfig}, or throws one
 * {@link ConfigException} listing every bad key. Pure: the file reader for {@code *_FILE} secrets
 * is passed in, so tests need neither files nor a real environment.
 */
public final class ConfigParser {

  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern TOPIC_BASE = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*");

  private final JsonObject tree;
  private final List<RegionSupport> regions;
  private final Map<String, String> sourceOf = new HashMap<>();
  private final List<String> problems = new ArrayList<>();

  private ConfigParser(JsonObject file, List<RegionSupport> regions) {
    this.tree = file == null ? new JsonObject() : file.copy();
    this.regions = List.copyOf(regions);
  }

  /**
   * @param file the parsed config file (may be empty)
   * @param env environment variables
   * @param readFile reads a *_FILE secret; may throw {@link IOException}
   * @param demoRequested true when --demo was given
   * @param regions what each region module serves and which base URLs it lets the user override
   */
  public static AppConfig parse(JsonObject file, Map<String, String> env, FileReader readFile, boolean demoRequested,
                                List<RegionSupport> regions) {
    ConfigParser parser = new ConfigParser(file, regions);
    parser.rejectSecretsInFile();
    parser.applyEnv(env, readFile);
    AppConfig config = parser.build(demoRequested);
    if (!parser.problems.isEmpty()) {
      throw new ConfigException(parser.problems);
    }
    return config;
  }

  /** Reads a secret file. */
  @FunctionalInterface
  public interface FileReader {
    String read(Path path) throws IOException;
  }

  private void rejectSecretsInFile() {
    for (String path : EnvVars.SECRET_PATHS) {
      if (!get(path).isEmpty()) {
        String env = envNameOf(path);
        problems.add(path + ": secrets are not read from the config file; set " + env + " or " + env + "_FILE");
        put(path, "");
      }
    }
  }

  private void applyEnv(Map<String, String> env, FileReader readFile) {
    EnvVars.TO_PATH.forEach((name, path) -> {
      String value = env.get(name);
      if (value != null) {
        put(path, value);
        sourceOf.put(path, name);
      }
    });
    for (RegionSupport region : regions) {
      for (EndpointSetting endpoint : region.endpoints()) {
        String value = env.get(endpoint.env());
        if (value != null) {
          put(region.pathOf(endpoint), value);
          sourceOf.put(region.pathOf(endpoint), endpoint.env());
        }
      }
    }
    for (String name : EnvVars.FILE_CAPABLE) {
      String file = env.get(name + "_FILE");
      if (file == null || file.isBlank()) {
        continue;
      }
      String path = EnvVars.TO_PATH.get(name);
      try {
        put(path, readFile.read(Path.of(file)).strip());
        sourceOf.put(path, name + "_FILE");
      } catch (IOException | RuntimeException e) {
        problems.add(name + "_FILE: cannot read the file it names (" + e.getClass().getSimpleName() + ")");
      }
    }
  }

  private AppConfig build(boolean demoRequested) {
    AccountConfig account = account();
    boolean demo = demoRequested || !account.configured();
    MqttConfig mqtt = mqtt();
    ApiConfig api = api(account);
    CommandConfig command = command();
    // a longer message is handed on cut to maxMessageBytes + 1 bytes: that must still be too large for a command
    if (mqtt.maxMessageBytes() < command.maxPayloadBytes()) {
      problems.add(label("mqtt.maxMessageBytes") + ": must be at least command.maxPayloadBytes ("
          + command.maxPayloadBytes() + ")");
    }
    return new AppConfig(account, mqtt, api, command, homeAssistant(), stewardship(), logging(), demo);
  }

  private AccountConfig account() {
    Region region = enumOrNumber("account.region", Region.class, Region.EUROPE,
        r -> r.number(), "1-8 or EUROPE, CANADA, USA, CHINA, AUSTRALIA, INDIA, NEW_ZEALAND, BRAZIL");
    Brand brand = enumOrNumber("account.brand", Brand.class, Brand.HYUNDAI, b -> b.number(),
        "1-3 or KIA, HYUNDAI, GENESIS");
    if (region != null && brand != null && moduleOf(region, brand).isEmpty()) {
      problems.add(label("account.region") + ": region " + region + " with brand " + brand + " is recognised but "
          + "not supported yet (this version speaks " + supportedPairs() + "; see docs/architecture.md)");
    }
    String vehicleId = get("account.vehicleId").strip();
    if (!vehicleId.isEmpty() && !VehicleIds.isValid(vehicleId)) {
      problems.add(label("account.vehicleId") + ": must be letters, digits, '_' or '-' (1-64)");
    }
    TopicIdSource source = enumOrNumber("account.topicIdSource", TopicIdSource.class, TopicIdSource.VEHICLE_ID,
        s -> -1, "VEHICLE_ID or VIN");
    String username = get("account.username").strip();
    Secret password = Secret.of(get("account.password"));
    Secret pin = Secret.of(get("account.pin"));
    if (!username.isEmpty() && password.isEmpty()) {
      problems.add("HYUNDAI_PASSWORD: required when HYUNDAI_USERNAME is set (or HYUNDAI_PASSWORD_FILE)");
    }
    if (!pin.isEmpty() && !pin.reveal().matches("\\d{4}")) {
      problems.add(label("account.pin") + ": must be 4 digits");
    }
    return new AccountConfig(region, brand, username, password, pin,
        vehicleId.isEmpty() ? Optional.empty() : Optional.of(vehicleId), source);
  }

  private MqttConfig mqtt() {
    String host = get("mqtt.host").strip();
    String clientId = string("mqtt.clientId", "bluelink-mqtt");
    if (!CLIENT_ID.matcher(clientId).matches()) {
      problems.add(label("mqtt.clientId") + ": must be letters, digits, '_' or '-' (1-64); '/', '+' and '#' are refused");
    }
    String base = string("mqtt.baseTopic", "hyundai");
    if (!TOPIC_BASE.matcher(base).matches() || base.startsWith("$")) {
      problems.add(label("mqtt.baseTopic") + ": must be levels of letters, digits, '_' or '-' separated by '/'");
    }
    TlsConfig tls = new TlsConfig(bool("mqtt.tls.enabled", false), get("mqtt.tls.caFile"), get("mqtt.tls.certFile"),
        get("mqtt.tls.keyFile"), bool("mqtt.tls.insecureSkipHostnameVerification", false));
    if (tls.certFile().isEmpty() != tls.keyFile().isEmpty()) {
      problems.add("mqtt.tls: a client certificate needs both MQTT_TLS_CERT_FILE and MQTT_TLS_KEY_FILE");
    }
    long base0 = longValue("mqtt.reconnectBaseMs", 1000, 10, 600_000);
    long cap = longValue("mqtt.reconnectCapMs", 60_000, 100, 3_600_000);
    int maxMessage = (int) longValue("mqtt.maxMessageBytes", 16384, 256, 268_435_455);
    // unset: 1 MiB, or maxMessageBytes if an older config raised that above it
    int maxFrame = (int) longValue("mqtt.maxFrameBytes", Math.max(MqttConfig.DEFAULT_MAX_FRAME_BYTES, maxMessage),
        65_536, 268_435_455);
    if (maxFrame < maxMessage) {
      problems.add(label("mqtt.maxFrameBytes") + ": must be at least mqtt.maxMessageBytes (" + maxMessage + ")");
    }
    return new MqttConfig(host.isEmpty() ? "127.0.0.1" : host, (int) longValue("mqtt.port", 1883, 1, 65535),
        get("mqtt.username"), Secret.of(get("mqtt.password")), clientId, (int) longValue("mqtt.qos", 1, 0, 1), base,
        (int) longValue("mqtt.keepAliveSeconds", 30, 1, 3600), (int) longValue("mqtt.ackTimeoutSeconds", 10, 1, 600),
        maxMessage, base0, Math.max(cap, base0), tls, maxFrame);
  }

  private Optional<RegionSupport> moduleOf(Region region, Brand brand) {
    return regions.stream().filter(r -> r.serves(region, brand)).findFirst();
  }

  private String supportedPairs() {
    return regions.stream().map(r -> r.region() + " (" + r.brands().stream().sorted().map(Brand::name)
        .collect(java.util.stream.Collectors.joining(", ")) + ")").collect(java.util.stream.Collectors.joining(", "));
  }

  /**
   * The base URLs of the account's region: {@code api.endpoints.<region>.<name>} or its variable; an older file's
   * {@code api.endpoints.<name>} still counts for the account's region. Every module's URLs that are set are
   * checked, so a bad one is reported even when the region itself is bad.
   */
  private RegionEndpoints endpoints(AccountConfig account, boolean insecureHttp) {
    Optional<RegionSupport> own = account.region() == null || account.brand() == null ? Optional.empty()
        : moduleOf(account.region(), account.brand());
    Map<String, String> urls = new java.util.LinkedHashMap<>();
    for (RegionSupport module : regions) {
      boolean accounts = own.isPresent() && own.get() == module;
      for (EndpointSetting endpoint : module.endpoints()) {
        String url = url(module.pathOf(endpoint), insecureHttp);
        if (accounts && url.isEmpty() && get(module.pathOf(endpoint)).isBlank()) {
          url = url("api.endpoints." + endpoint.name(), insecureHttp);
        }
        if (accounts && !url.isEmpty()) {
          urls.put(endpoint.name(), url);
        }
      }
    }
    return new RegionEndpoints(urls);
  }

  private ApiConfig api(AccountConfig account) {
    boolean insecureHttp = bool("api.allowInsecureHttp", false);
    RegionEndpoints endpoints = endpoints(account, insecureHttp);
    RetryConfig retry = new RetryConfig((int) longValue("api.retry.maxRetries", 2, 0, 5),
        longValue("api.retry.baseDelayMs", 1000, 1, 600_000), longValue("api.retry.maxDelayMs", 10_000, 1, 3_600_000));
    BreakerConfig breaker = new BreakerConfig((int) longValue("api.breaker.maxFailures", 3, 1, 100),
        longValue("api.breaker.failuresRollingWindowMs", 1_800_000, 1000, 86_400_000L),
        longValue("api.breaker.resetTimeoutMs", 60_000, 100, 86_400_000L),
        longValue("api.breaker.timeoutMs", 150_000, 100, 3_600_000),
        longValue("api.breaker.maxResetTimeoutMs", BreakerConfig.DEFAULT_MAX_RESET_TIMEOUT_MS, 100, 86_400_000L));
    HttpLimits http = new HttpLimits(longValue("api.requestDeadlineMs", 30_000, 100, 600_000),
        longValue("api.idleTimeoutMs", 15_000, 100, 600_000), longValue("api.connectTimeoutMs", 10_000, 100, 600_000),
        (int) longValue("api.maxResponseBytes", 2_097_152, 1024, 67_108_864));
    RefreshTimings refresh = new RefreshTimings(longValue("api.cachedDeadlineMs", 15_000, 100, 600_000),
        longValue("api.forceDeadlineMs", 120_000, 100, 900_000), longValue("api.ccs2PollIntervalMs", 5000, 10, 120_000),
        (int) longValue("api.maxPendingPerVehicle", 16, 1, 1000));
    LoginBackoff login = new LoginBackoff(longValue("api.loginBackoffBaseMs", 60_000, 10, 86_400_000L),
        longValue("api.loginBackoffCapMs", 3_600_000, 10, 86_400_000L));
    return new ApiConfig(Path.of(string("api.stateDir", "data")), (int) longValue("api.workerPoolSize", 2, 1, 64),
        http, refresh, login, retry, breaker, endpoints, actions(refresh));
  }

  /** The actions deadline is bounded by the force deadline: the car's lane answers every operation within it. */
  private ActionSettings actions(RefreshTimings refresh) {
    long deadline = longValue("api.actionDeadlineMs", Math.min(120_000, refresh.forceDeadlineMs()), 100,
        refresh.forceDeadlineMs());
    long poll = longValue("api.actionPollIntervalMs", 5_000, 10, 60_000);
    String listed = string("actions.allowed", "all").trim();
    Set<String> allowed = new LinkedHashSet<>();
    if (listed.equalsIgnoreCase("all")) {
      allowed.addAll(ActionSettings.ALL);
    } else if (!listed.isEmpty() && !listed.equalsIgnoreCase("none")) {
      for (String name : listed.split(",")) {
        String action = name.trim().toLowerCase(Locale.ROOT);
        if (!ActionSettings.ALL.contains(action)) {
          problems.add(label("actions.allowed") + ": unknown action '" + action.replaceAll("[^a-z_]", "?") + "' (known: "
              + String.join(", ", new java.util.TreeSet<>(ActionSettings.ALL)) + "; or all, none)");
        } else {
          allowed.add(action);
        }
      }
    }
    return new ActionSettings(allowed, deadline, poll);
  }

  private CommandConfig command() {
    return new CommandConfig((int) longValue("command.maxPayloadBytes", 256, 16, 65_536),
        longValue("command.minForceIntervalSeconds", 900, 0, 86_400),
        longValue("command.maxSmartAgeSeconds", 604_800, 1, 31_536_000),
        bool("command.initialRefresh", true));
  }

  private HomeAssistantConfig homeAssistant() {
    String prefix = string("homeAssistant.prefix", "homeassistant");
    if (!TOPIC_BASE.matcher(prefix).matches()) {
      problems.add(label("homeAssistant.prefix") + ": must be levels of letters, digits, '_' or '-'");
    }
    return new HomeAssistantConfig(bool("homeAssistant.discovery", true), prefix,
        longValue("homeAssistant.smartButtonMaxAgeSeconds", 3600, 1, 604_800),
        bool("homeAssistant.legacyObjectId", false));
  }

  private StewardshipConfig stewardship() {
    String start = get("stewardship.quietHoursStart").strip();
    String end = get("stewardship.quietHoursEnd").strip();
    for (String path : List.of("stewardship.quietHoursStart", "stewardship.quietHoursEnd")) {
      String value = get(path).strip();
      if (!value.isEmpty()) {
        try {
          LocalTime.parse(value);
        } catch (DateTimeParseException e) {
          problems.add(label(path) + ": '" + shown(value) + "' is not a time of day HH:mm");
        }
      }
    }
    if (start.isEmpty() != end.isEmpty()) {
      problems.add("stewardship: quiet hours need both a start and an end");
    }
    String zone = string("stewardship.timeZone", "Europe/Berlin");
    try {
      ZoneId.of(zone);
    } catch (RuntimeException e) {
      problems.add(label("stewardship.timeZone") + ": '" + shown(zone) + "' is not a time zone");
    }
    return new StewardshipConfig((int) longValue("stewardship.dailyCallCap", 0, 0, 100_000_000),
        (int) longValue("stewardship.userReserve", 20, 0, 100_000),
        (int) longValue("stewardship.auxBatteryFloorPercent", 50, 0, 100), start, end, zone,
        (int) longValue("stewardship.systemReserve", StewardshipConfig.DEFAULT_SYSTEM_RESERVE, 0, 100_000),
        longValue("stewardship.minReadIntervalSeconds", StewardshipConfig.DEFAULT_MIN_READ_INTERVAL_SECONDS, 0, 86_400));
  }

  private LogConfig logging() {
    String level = string("logging.level", "INFO").toUpperCase(Locale.ROOT);
    if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(level)) {
      problems.add(label("logging.level") + ": '" + shown(level) + "' is not one of TRACE, DEBUG, INFO, WARN, ERROR");
    }
    String format = string("logging.format", "json").toLowerCase(Locale.ROOT);
    if (!List.of("json", "text").contains(format)) {
      problems.add(label("logging.format") + ": must be json or text");
    }
    return new LogConfig(level, format);
  }

  // ---- typed reads that record problems instead of throwing ----

  private <E extends Enum<E>> E enumOrNumber(String path, Class<E> type, E fallback, Function<E, Integer> number,
                                             String allowed) {
    String raw = get(path).strip();
    if (raw.isEmpty()) {
      return fallback;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(raw) || String.valueOf(number.apply(e)).equals(raw)) {
        return e;
      }
    }
    problems.add(label(path) + ": '" + shown(raw) + "' is not valid; use " + allowed);
    return null;
  }

  private long longValue(String path, long fallback, long min, long max) {
    String raw = get(path).strip();
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(raw);
      if (value < min || value > max) {
        problems.add(label(path) + ": " + value + " is outside " + min + ".." + max);
        return fallback;
      }
      return value;
    } catch (NumberFormatException e) {
      problems.add(label(path) + ": '" + shown(raw) + "' is not a whole number");
      return fallback;
    }
  }

  private boolean bool(String path, boolean fallback) {
    String raw = get(path).strip().toLowerCase(Locale.ROOT);
    if (raw.isEmpty()) {
      return fallback;
    }
    if (List.of("true", "1", "yes", "on").contains(raw)) {
      return true;
    }
    if (List.of("false", "0", "no", "off").contains(raw)) {
      return false;
    }
    problems.add(label(path) + ": '" + shown(raw) + "' is not true or false");
    return fallback;
  }

  private String string(String path, String fallback) {
    String raw = get(path).strip();
    return raw.isEmpty() ? fallback : raw;
  }

  /** An http(s) base URL; plain http only to a loopback host (simulator, local proxy) unless explicitly allowed. */
  private String url(String path, boolean insecureHttp) {
    String raw = get(path).strip();
    if (raw.isEmpty()) {
      return raw;
    }
    if (!raw.matches("https?://[^\\s/]+(:\\d+)?(/\\S*)?")) {
      problems.add(label(path) + ": '" + shown(Urls.redact(raw)) + "' is not an http(s) URL");
      return "";
    }
    if (raw.startsWith("http://") && !insecureHttp && !Urls.host(raw).map(Urls::isLoopback).orElse(false)) {
      problems.add(label(path) + ": plain http:// to " + Urls.host(raw).orElse("a remote host")
          + " would send the account's tokens unencrypted; use https://, or set " + envNameOf("api.allowInsecureHttp")
          + "=true");
      return "";
    }
    return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
  }

  /**
   * Settings that are valid but probably not meant; the bridge starts and logs each. Never contains a secret.
   */
  public static List<String> warnings(AppConfig config) {
    List<String> warnings = new ArrayList<>();
    if (!config.mqtt().username().isEmpty() && config.mqtt().password().isEmpty()) {
      warnings.add("MQTT_USERNAME is set but MQTT_PASSWORD (or MQTT_PASSWORD_FILE) is not: connecting to the broker "
          + "without a password");
    }
    for (String url : config.api().endpoints().urls().values()) {
      Optional<String> host = Urls.host(url);
      if (url.startsWith("http://") && host.isPresent() && !Urls.isLoopback(host.get())) {
        warnings.add("plain http:// to " + host.get() + " (allowed by BLUELINK_ALLOW_INSECURE_HTTP): tokens travel "
            + "unencrypted");
      }
    }
    return warnings;
  }

  /** The name a user recognises: the env variable that set it, else the config key. */
  private String label(String path) {
    String env = sourceOf.get(path);
    return env != null ? env : path + " (config file)";
  }

  /** Every environment variable the bridge reads: its own and those the region modules declare. */
  public static List<String> envNames(List<RegionSupport> regions) {
    List<String> names = new ArrayList<>(EnvVars.allNames());
    regions.forEach(r -> r.endpoints().forEach(e -> {
      if (!names.contains(e.env())) {
        names.add(e.env());
      }
    }));
    return names;
  }

  private String envNameOf(String path) {
    return EnvVars.TO_PATH.entrySet().stream().filter(e -> e.getValue().equals(path)).map(Map.Entry::getKey)
        .findFirst().orElse(path);
  }

  /** Echoes a non-secret value, shortened, so a misplaced secret can never be printed whole. */
  private static String shown(String raw) {
    return raw.length() <= 24 ? raw : raw.substring(0, 8) + "…";
  }

  private String get(String path) {
    Object node = tree;
    for (String part : path.split("\\.")) {
      if (!(node instanceof JsonObject object)) {
        return "";
      }
      node = object.getValue(part);
    }
    return node == null || node instanceof JsonObject ? "" : String.valueOf(node);
  }

  private void put(String path, String value) {
    String[] parts = path.split("\\.");
    JsonObject node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject child = node.getValue(parts[i]) instanceof JsonObject o ? o : new JsonObject();
      node.put(parts[i], child);
      node = child;
    }
    node.put(parts[parts.length - 1], value);
  }
}
