package io.bluelinkmqtt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.config.EventBusBridgeConfig.Limits;
import io.bluelinkmqtt.config.EventBusBridgeConfig.Listener;
import io.vertx.core.json.JsonObject;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventBusBridgeConfigTest {

  private static final String CANARY = "bridge-secret-canary-4b2c";
  private static final ConfigParser.FileReader NO_FILES = path -> {
    throw new NoSuchFileException(path.toString());
  };

  private static EventBusBridgeConfig parse(JsonObject file, Map<String, String> env) {
    return EventBusBridgeConfig.parse(file, env, NO_FILES);
  }

  @Test
  @DisplayName("by default both bridges are off, on loopback, on ports 7000 and 7001, with no secret")
  void defaults() {
    EventBusBridgeConfig c = parse(new JsonObject(), Map.of());
    assertEquals(new Listener(false, "127.0.0.1", 7000), c.tcp());
    assertEquals(new Listener(false, "127.0.0.1", 7001), c.sockjs());
    assertTrue(c.secret().isEmpty());
    assertEquals(Limits.DEFAULTS, c.limits());
    assertFalse(c.anyEnabled());
    assertEquals(c, EventBusBridgeConfig.off());
  }

  @Test
  @DisplayName("the shipped conf/config.json names the defaults: both bridges off, on loopback")
  void shippedFile() throws Exception {
    JsonObject file = new JsonObject(java.nio.file.Files.readString(
        java.nio.file.Path.of(System.getProperty("project.basedir", "."), "conf", "config.json")));
    assertEquals(EventBusBridgeConfig.off(), parse(file, Map.of()));
  }

  @Test
  @DisplayName("the file section sets each key and the EVENTBUS_* variables win over it")
  void fileAndEnvironment() {
    JsonObject file = new JsonObject().put("eventBusBridge", new JsonObject()
        .put("tcp", new JsonObject().put("enabled", true).put("host", "0.0.0.0").put("port", 7100))
        .put("sockjs", new JsonObject().put("enabled", false).put("port", 7101))
        .put("maxFrameBytes", 4096).put("maxInFlight", 4).put("maxConnections", 8).put("replyTimeoutMs", 60_000));
    EventBusBridgeConfig fromFile = parse(file, Map.of());
    assertEquals(new Listener(true, "0.0.0.0", 7100), fromFile.tcp());
    assertEquals(new Listener(false, "127.0.0.1", 7101), fromFile.sockjs());
    assertEquals(new Limits(4096, 4, 8, 60_000), fromFile.limits());
    assertTrue(fromFile.tcp().exposed());

    EventBusBridgeConfig fromEnv = parse(file, Map.of("EVENTBUS_TCP_ENABLED", "false", "EVENTBUS_TCP_HOST", "::1",
        "EVENTBUS_TCP_PORT", "0", "EVENTBUS_SOCKJS_ENABLED", "yes", "EVENTBUS_SOCKJS_HOST", "127.0.0.2",
        "EVENTBUS_SOCKJS_PORT", "7201", "EVENTBUS_SECRET", " " + CANARY + " "));
    assertEquals(new Listener(false, "::1", 0), fromEnv.tcp());
    assertEquals(new Listener(true, "127.0.0.2", 7201), fromEnv.sockjs());
    assertEquals(CANARY, fromEnv.secret().reveal());
    assertFalse(fromEnv.toString().contains(CANARY), fromEnv.toString());
  }

  @Test
  @DisplayName("EVENTBUS_SECRET_FILE is read (and trimmed); an unreadable one is reported by name, without its content")
  void secretFile() {
    EventBusBridgeConfig c = EventBusBridgeConfig.parse(new JsonObject(), Map.of("EVENTBUS_SECRET_FILE", "/run/s"),
        path -> CANARY + "\n");
    assertEquals(CANARY, c.secret().reveal());
    ConfigException e = assertThrows(ConfigException.class,
        () -> parse(new JsonObject(), Map.of("EVENTBUS_SECRET_FILE", "/missing")));
    assertEquals(1, e.problems().size());
    assertTrue(e.problems().get(0).startsWith("EVENTBUS_SECRET_FILE:"), e.problems().toString());
  }

  @Test
  @DisplayName("a secret in the config file is refused like every other secret, and never echoed")
  void secretNotFromTheFile() {
    JsonObject file = new JsonObject().put("eventBusBridge", new JsonObject().put("secret", CANARY));
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigParser.parse(file, Map.of(), NO_FILES, false, CloudModules.supported()));
    assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("eventBusBridge.secret:")
        && p.contains("EVENTBUS_SECRET")), e.problems().toString());
    assertFalse(e.problems().toString().contains(CANARY));
    assertTrue(parse(file, Map.of()).secret().isEmpty(), "the bridge's own parser never takes it from the file");
  }

  @Test
  @DisplayName("bad values are all reported at once, each by the name that set it")
  void badValues() {
    JsonObject file = new JsonObject().put("eventBusBridge", new JsonObject().put("maxInFlight", 0));
    ConfigException e = assertThrows(ConfigException.class, () -> parse(file, Map.of("EVENTBUS_TCP_ENABLED", "maybe",
        "EVENTBUS_TCP_PORT", "70000", "EVENTBUS_SOCKJS_PORT", "x")));
    assertEquals(4, e.problems().size(), e.problems().toString());
    for (String name : new String[] {"EVENTBUS_TCP_ENABLED", "EVENTBUS_TCP_PORT", "EVENTBUS_SOCKJS_PORT",
        "eventBusBridge.maxInFlight (config file)"}) {
      assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(name)), name + " in " + e.problems());
    }
  }
}
