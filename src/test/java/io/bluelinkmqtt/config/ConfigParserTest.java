package io.bluelinkmqtt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.eu.EuModule;
import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigParserTest {

  private static final String CANARY_PASSWORD = "canary-pw-3f9a";
  private static final String CANARY_MQTT = "canary-mqtt-77c1";
  private static final ConfigParser.FileReader NO_FILES = path -> {
    throw new NoSuchFileException(path.toString());
  };

  private static AppConfig parse(JsonObject file, Map<String, String> env) {
    return ConfigParser.parse(file, env, NO_FILES, false, CloudModules.supported());
  }

  @Test
  @DisplayName("no file and no environment: every setting has a default, and no account means demo mode")
  void defaultsAndDemoWithoutAccount() {
    AppConfig c = parse(new JsonObject(), Map.of());
    assertTrue(c.demo());
    assertEquals(Region.EUROPE, c.account().region());
    assertEquals(Brand.HYUNDAI, c.account().brand());
    assertEquals("127.0.0.1", c.mqtt().host());
    assertEquals(1883, c.mqtt().port());
    assertEquals("hyundai", c.mqtt().baseTopic());
    assertEquals(1, c.mqtt().qos());
    assertEquals("bluelink-mqtt", c.mqtt().clientId());
    assertTrue(c.command().initialRefresh());
    assertEquals(900, c.command().minForceIntervalSeconds());
    assertEquals("homeassistant", c.homeAssistant().prefix());
    assertEquals(50, c.stewardship().auxBatteryFloorPercent());
    assertEquals("json", c.logging().format());
  }

  @Test
  @DisplayName("the original plan's environment names override the file; regions and brands by number or name")
  void environmentOverridesFile() {
    JsonObject file = new JsonObject().put("mqtt", new JsonObject().put("port", 1999).put("host", "file-host"));
    AppConfig c = parse(file, Map.of("HYUNDAI_USERNAME", "me@example.com", "HYUNDAI_PASSWORD", CANARY_PASSWORD,
        "HYUNDAI_PIN", "0123", "HYUNDAI_REGION", "1", "HYUNDAI_BRAND", "kia", "MQTT_BROKER_PORT", "8883",
        "MQTT_USE_TLS", "true", "MQTT_QOS", "0", "MQTT_BASE_TOPIC", "cars/hyundai", "INITIAL_REFRESH", "false"));
    assertFalse(c.demo());
    assertEquals(Region.EUROPE, c.account().region());
    assertEquals(Brand.KIA, c.account().brand());
    assertEquals("file-host", c.mqtt().host());
    assertEquals(8883, c.mqtt().port());
    assertTrue(c.mqtt().tls().enabled());
    assertEquals(0, c.mqtt().qos());
    assertEquals("cars/hyundai", c.mqtt().baseTopic());
    assertFalse(c.command().initialRefresh());
    assertEquals("0123", c.account().pin().reveal(), "a PIN keeps its leading zero");
    assertEquals(CANARY_PASSWORD, c.account().password().reveal());
  }

  @Test
  @DisplayName("every bad key is reported at once, named by its environment variable, without echoing a secret")
  void allProblemsAtOnceWithoutSecrets() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(new JsonObject(), Map.of(
        "HYUNDAI_REGION", "42", "MQTT_BROKER_PORT", "abc", "HYUNDAI_PASSWORD", CANARY_PASSWORD,
        "MQTT_PASSWORD", CANARY_MQTT)));
    assertEquals(2, e.problems().size(), e.problems().toString());
    assertTrue(e.problems().get(0).startsWith("HYUNDAI_REGION:"), e.problems().get(0));
    assertTrue(e.problems().get(1).startsWith("MQTT_BROKER_PORT:"), e.problems().get(1));
    assertFalse(e.getMessage().contains(CANARY_PASSWORD));
    assertFalse(e.getMessage().contains(CANARY_MQTT));
  }

  @Test
  @DisplayName("a recognised region other than Europe is refused with a clear reason (only EU is implemented)")
  void otherRegionsAreNotSupportedYet() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigParser.parse(new JsonObject(), Map.of("HYUNDAI_REGION", "CANADA"), NO_FILES, false,
            List.of(EuModule.SUPPORT)));
    assertTrue(e.problems().get(0).contains("not supported yet"), e.problems().get(0));
  }

  @Test
  @DisplayName("every region is read; only a region/brand pair no module serves is refused, and a module's own "
      + "base-URL variables land under api.endpoints.<region>")
  void regionsAreRefusedOnlyWithoutAModule() {
    RegionSupport usaHyundai = new RegionSupport(Region.USA, Set.of(Brand.HYUNDAI),
        List.of(new RegionSupport.EndpointSetting("api", "BLUELINK_US_API_URL")));
    List<RegionSupport> modules = List.of(EuModule.SUPPORT, usaHyundai);
    AppConfig usa = ConfigParser.parse(new JsonObject(), Map.of("HYUNDAI_REGION", "USA", "HYUNDAI_BRAND", "HYUNDAI",
        "BLUELINK_US_API_URL", "https://us.example.net/", "BLUELINK_CCAPI_URL", "https://eu.example.net"), NO_FILES,
        false, modules);
    assertEquals(Region.USA, usa.account().region());
    assertEquals(Map.of("api", "https://us.example.net"), usa.api().endpoints().urls());

    ConfigException kia = assertThrows(ConfigException.class, () -> ConfigParser.parse(new JsonObject(),
        Map.of("HYUNDAI_REGION", "USA", "HYUNDAI_BRAND", "KIA"), NO_FILES, false, modules));
    assertEquals(List.of("HYUNDAI_REGION: region USA with brand KIA is recognised but not supported yet (this "
        + "version speaks EUROPE (KIA, HYUNDAI, GENESIS), USA (HYUNDAI); see docs/architecture.md)"), kia.problems());
    for (Brand brand : Brand.values()) {
      assertEquals(Region.EUROPE, parse(new JsonObject(), Map.of("HYUNDAI_BRAND", brand.name())).account().region());
    }
  }

  @Test
  @DisplayName("a base URL is read from api.endpoints.europe.<name>, from an older file's api.endpoints.<name>, and "
      + "the variable wins over both")
  void endpointsPerRegion() {
    JsonObject perRegion = new JsonObject().put("api", new JsonObject().put("endpoints", new JsonObject()
        .put("europe", new JsonObject().put("ccapi", "https://proxy.example.net/").put("idp", ""))));
    assertEquals(Map.of("ccapi", "https://proxy.example.net"), parse(perRegion, Map.of()).api().endpoints().urls());
    JsonObject older = new JsonObject().put("api", new JsonObject().put("endpoints", new JsonObject()
        .put("ccapi", "https://old.example.net").put("cci", "https://cci.example.net")));
    assertEquals(Map.of("ccapi", "https://old.example.net", "cci", "https://cci.example.net"),
        parse(older, Map.of()).api().endpoints().urls());
    assertEquals("https://env.example.net", parse(perRegion, Map.of("BLUELINK_CCAPI_URL", "https://env.example.net"))
        .api().endpoints().url("ccapi"));
    assertEquals("", parse(new JsonObject(), Map.of()).api().endpoints().url("ccapi"));
    ConfigException bad = assertThrows(ConfigException.class, () -> parse(perRegion.copy().put("api", new JsonObject()
        .put("endpoints", new JsonObject().put("europe", new JsonObject().put("cci", "ftp://x")))), Map.of()));
    assertEquals(List.of("api.endpoints.europe.cci (config file): 'ftp://x' is not an http(s) URL"), bad.problems());
  }

  @Test
  @DisplayName("secrets come from *_FILE (Docker secrets), trimmed; an unreadable file is named without content")
  void secretsFromFiles() {
    ConfigParser.FileReader reader = path -> {
      if (path.equals(Path.of("/run/secrets/pw"))) {
        return CANARY_PASSWORD + "\n";
      }
      throw new IOException("cannot read " + CANARY_MQTT);
    };
    AppConfig c = ConfigParser.parse(new JsonObject(), Map.of("HYUNDAI_USERNAME", "me@example.com",
        "HYUNDAI_PASSWORD_FILE", "/run/secrets/pw"), reader, false, CloudModules.supported());
    assertEquals(CANARY_PASSWORD, c.account().password().reveal());

    ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(new JsonObject(),
        Map.of("MQTT_PASSWORD_FILE", "/nope"), reader, false, CloudModules.supported()));
    assertEquals(List.of("MQTT_PASSWORD_FILE: cannot read the file it names (IOException)"), e.problems());
  }

  @Test
  @DisplayName("a password written into the config file is refused, and not echoed")
  void secretsInTheFileAreRefused() {
    JsonObject file = new JsonObject().put("account", new JsonObject().put("password", CANARY_PASSWORD));
    ConfigException e = assertThrows(ConfigException.class, () -> parse(file, Map.of()));
    assertTrue(e.problems().get(0).contains("HYUNDAI_PASSWORD"), e.problems().get(0));
    assertFalse(e.getMessage().contains(CANARY_PASSWORD));
  }

  @Test
  @DisplayName("toString of the whole configuration masks the password, the PIN and the MQTT password")
  void toStringMasksSecrets() {
    AppConfig c = parse(new JsonObject(), Map.of("HYUNDAI_USERNAME", "me@example.com",
        "HYUNDAI_PASSWORD", CANARY_PASSWORD, "HYUNDAI_PIN", "4711", "MQTT_PASSWORD", CANARY_MQTT));
    String text = c.toString();
    assertFalse(text.contains(CANARY_PASSWORD), text);
    assertFalse(text.contains(CANARY_MQTT), text);
    assertFalse(text.contains("4711"), text);
    assertEquals("***", Secret.of(CANARY_PASSWORD).toString());
  }

  @Test
  @DisplayName("values that would break MQTT are refused: wildcards in the client id, '$' or '#' in the base topic")
  void mqttIdentifiersAreChecked() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(new JsonObject(),
        Map.of("MQTT_CLIENT_ID", "bridge#1", "MQTT_BASE_TOPIC", "$SYS/x", "MQTT_QOS", "2")));
    assertEquals(3, e.problems().size(), e.problems().toString());
  }

  @Test
  @DisplayName("a username without a password, a PIN that is not 4 digits, and half-set quiet hours are refused")
  void dependentSettings() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(new JsonObject(),
        Map.of("HYUNDAI_USERNAME", "me@example.com", "HYUNDAI_PIN", "12a", "QUIET_HOURS_START", "22:00")));
    assertEquals(3, e.problems().size(), e.problems().toString());
  }

  @Test
  @DisplayName("MQTT limits: packets up to 1 MiB by default (or maxMessageBytes if an old config raised it above); "
      + "a packet limit below the message limit, or a message limit below the command limit, is refused")
  void mqttMessageAndPacketLimits() {
    AppConfig c = parse(new JsonObject(), Map.of());
    assertEquals(16384, c.mqtt().maxMessageBytes());
    assertEquals(1_048_576, c.mqtt().maxFrameBytes());
    JsonObject raised = new JsonObject().put("mqtt", new JsonObject().put("maxMessageBytes", 4_000_000));
    assertEquals(4_000_000, parse(raised, Map.of()).mqtt().maxFrameBytes());
    JsonObject explicit = new JsonObject().put("mqtt", new JsonObject().put("maxFrameBytes", 65_536));
    assertEquals(65_536, parse(explicit, Map.of()).mqtt().maxFrameBytes());

    JsonObject tooSmall = new JsonObject().put("mqtt", new JsonObject().put("maxFrameBytes", 65_536)
        .put("maxMessageBytes", 100_000));
    ConfigException e = assertThrows(ConfigException.class, () -> parse(tooSmall, Map.of()));
    assertEquals(List.of("mqtt.maxFrameBytes (config file): must be at least mqtt.maxMessageBytes (100000)"), e.problems());
    JsonObject belowCommands = new JsonObject().put("mqtt", new JsonObject().put("maxMessageBytes", 1000))
        .put("command", new JsonObject().put("maxPayloadBytes", 2000));
    e = assertThrows(ConfigException.class, () -> parse(belowCommands, Map.of()));
    assertEquals(List.of("mqtt.maxMessageBytes (config file): must be at least command.maxPayloadBytes (2000)"),
        e.problems());
  }

  @Test
  @DisplayName("plain http:// to a remote upstream host is refused unless BLUELINK_ALLOW_INSECURE_HTTP=true; loopback is fine")
  void plainHttpOnlyToLoopbackUnlessAllowed() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(new JsonObject(),
        Map.of("BLUELINK_CCAPI_URL", "http://proxy.example.net:8080", "BLUELINK_IDP_URL", "http://10.0.0.5")));
    assertEquals(2, e.problems().size(), e.problems().toString());
    assertTrue(e.problems().get(0).startsWith("BLUELINK_CCAPI_URL: plain http:// to proxy.example.net"),
        e.problems().get(0));
    assertTrue(e.problems().get(0).contains("BLUELINK_ALLOW_INSECURE_HTTP=true"), e.problems().get(0));

    AppConfig loopback = parse(new JsonObject(), Map.of("BLUELINK_CCAPI_URL", "http://127.0.0.1:8080/",
        "BLUELINK_IDP_URL", "http://localhost:9", "BLUELINK_CCI_URL", "http://[::1]:7"));
    assertEquals("http://127.0.0.1:8080", loopback.api().endpoints().url("ccapi"));
    assertEquals(List.of(), ConfigParser.warnings(loopback));

    AppConfig allowed = parse(new JsonObject(), Map.of("BLUELINK_CCAPI_URL", "http://proxy.example.net:8080",
        "BLUELINK_ALLOW_INSECURE_HTTP", "true"));
    assertEquals("http://proxy.example.net:8080", allowed.api().endpoints().url("ccapi"));
    assertEquals(1, ConfigParser.warnings(allowed).size(), ConfigParser.warnings(allowed).toString());
    assertTrue(parse(new JsonObject(), Map.of("BLUELINK_CCAPI_URL", "https://proxy.example.net")).api().endpoints()
        .url("ccapi").startsWith("https://"));
  }

  @Test
  @DisplayName("credentials inside a bad URL are not echoed in the error")
  void urlCredentialsAreNotEchoed() {
    // short enough that the value would be echoed whole
    ConfigException e = assertThrows(ConfigException.class, () -> parse(new JsonObject(),
        Map.of("BLUELINK_CCAPI_URL", "http://u:pw-7c1@h st")));
    assertFalse(e.getMessage().contains("pw-7c1"), e.getMessage());
    assertTrue(e.getMessage().contains("'http://***@h st' is not an http(s) URL"), e.getMessage());
  }

  @Test
  @DisplayName("MQTT_USERNAME without a password starts, with a warning that names no secret")
  void mqttUserWithoutPasswordWarns() {
    AppConfig c = parse(new JsonObject(), Map.of("MQTT_USERNAME", "bluelink"));
    List<String> warnings = ConfigParser.warnings(c);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("MQTT_USERNAME is set but MQTT_PASSWORD"), warnings.get(0));
    assertEquals(List.of(), ConfigParser.warnings(parse(new JsonObject(),
        Map.of("MQTT_USERNAME", "bluelink", "MQTT_PASSWORD", CANARY_MQTT))));
    assertEquals(List.of(), ConfigParser.warnings(parse(new JsonObject(), Map.of())));
  }

  @Test
  @DisplayName("HA_LEGACY_OBJECT_ID / homeAssistant.legacyObjectId: off by default, on when asked")
  void legacyObjectIdSetting() {
    assertFalse(parse(new JsonObject(), Map.of()).homeAssistant().legacyObjectId());
    assertTrue(parse(new JsonObject(), Map.of("HA_LEGACY_OBJECT_ID", "true")).homeAssistant().legacyObjectId());
    JsonObject file = new JsonObject().put("homeAssistant", new JsonObject().put("legacyObjectId", true));
    assertTrue(parse(file, Map.of()).homeAssistant().legacyObjectId());
    assertThrows(ConfigException.class, () -> parse(new JsonObject(), Map.of("HA_LEGACY_OBJECT_ID", "maybe")));
  }

  @Test
  @DisplayName("every variable given a bad value is reported in one go, each by its own name")
  void everyBadVariableAtOnce() {
    Map<String, String> env = new java.util.HashMap<>();
    for (String name : ConfigParser.envNames(CloudModules.supported())) {
      if (!name.endsWith("_FILE")) {
        env.put(name, "bad value!");
      }
    }
    EnvVars.SECRET_PATHS.forEach(path -> EnvVars.TO_PATH.forEach((name, p) -> {
      if (p.equals(path)) {
        env.remove(name);
      }
    }));
    ConfigException e = assertThrows(ConfigException.class, () -> parse(new JsonObject(), env));
    for (String name : List.of("LOG_LEVEL", "LOG_FORMAT", "API_DAILY_CALL_CAP", "HYUNDAI_REGION", "MQTT_BROKER_PORT",
        "HA_LEGACY_OBJECT_ID", "BLUELINK_ALLOW_INSECURE_HTTP", "BLUELINK_CCAPI_URL", "TZ")) {
      assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(name + ":")), name + " in " + e.problems());
    }
  }
}
