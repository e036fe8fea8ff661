package io.bluelinkmqtt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HttpConfigTest {

  private static final ConfigParser.FileReader NO_FILES = path -> {
    throw new NoSuchFileException(path.toString());
  };

  @Test
  @DisplayName("defaults: 127.0.0.1:8080, no token, not exposed")
  void defaults() {
    HttpConfig http = HttpConfig.parse(new JsonObject(), Map.of(), NO_FILES);
    assertEquals(new HttpConfig("127.0.0.1", 8080, Secret.empty()), http);
    assertTrue(http.enabled());
    assertFalse(http.exposed());
  }

  @Test
  @DisplayName("the environment wins over the file; HTTP_PORT=0 turns HTTP off; 0.0.0.0 is exposed")
  void environmentWins() {
    JsonObject file = new JsonObject().put("http", new JsonObject().put("host", "0.0.0.0").put("port", 9000));
    HttpConfig fromFile = HttpConfig.parse(file, Map.of(), NO_FILES);
    assertEquals(9000, fromFile.port());
    assertTrue(fromFile.exposed());
    HttpConfig off = HttpConfig.parse(file, Map.of("HTTP_PORT", "0", "HTTP_HOST", "::1"), NO_FILES);
    assertFalse(off.enabled());
    assertFalse(off.exposed());
  }

  @Test
  @DisplayName("the token comes from HTTP_AUTH_TOKEN or the file HTTP_AUTH_TOKEN_FILE names, and never shows")
  void token() {
    HttpConfig plain = HttpConfig.parse(new JsonObject(), Map.of("HTTP_AUTH_TOKEN", "tok-1"), NO_FILES);
    assertEquals("tok-1", plain.authToken().reveal());
    HttpConfig fromFile = HttpConfig.parse(new JsonObject(), Map.of("HTTP_AUTH_TOKEN_FILE", "/run/t"),
        path -> "tok-2\n");
    assertEquals("tok-2", fromFile.authToken().reveal());
    assertFalse(fromFile.toString().contains("tok-2"), fromFile.toString());
    ConfigException unreadable = assertThrows(ConfigException.class,
        () -> HttpConfig.parse(new JsonObject(), Map.of("HTTP_AUTH_TOKEN_FILE", "/run/t"), NO_FILES));
    assertEquals(List.of("HTTP_AUTH_TOKEN_FILE: cannot read the file it names (NoSuchFileException)"),
        unreadable.problems());
  }

  @Test
  @DisplayName("a bad port is one clear problem; a token in the config file is refused like every secret")
  void problems() {
    ConfigException bad = assertThrows(ConfigException.class,
        () -> HttpConfig.parse(new JsonObject(), Map.of("HTTP_PORT", "80a"), NO_FILES));
    assertEquals(List.of("HTTP_PORT / http.port: must be 0 (off) to 65535"), bad.problems());
    assertThrows(ConfigException.class, () -> HttpConfig.parse(new JsonObject(), Map.of("HTTP_PORT", "70000"), NO_FILES));
    JsonObject secretInFile = new JsonObject().put("http", new JsonObject().put("authToken", "in-file"));
    ConfigException refused = assertThrows(ConfigException.class,
        () -> ConfigParser.parse(secretInFile, Map.of(), NO_FILES, false, io.bluelinkmqtt.cloud.CloudModules.supported()));
    assertTrue(refused.problems().contains("http.authToken: secrets are not read from the config file; set "
        + "HTTP_AUTH_TOKEN or HTTP_AUTH_TOKEN_FILE"), refused.problems().toString());
  }
}
