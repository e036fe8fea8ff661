package io.bluelinkmqtt.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docker/compose.yaml and the Mosquitto files it mounts, checked without a Docker engine. */
class ComposeFileTest {

  private static final ComposeFile COMPOSE = ComposeFile.read();
  private static final Path DIR = ComposeFile.directory();

  @Test
  @DisplayName("parses; the build context and Dockerfile, and every bind-mounted file, exist")
  @SuppressWarnings("unchecked")
  void referencedFilesExist() {
    Map<String, Object> build = (Map<String, Object>) COMPOSE.service("bluelink-mqtt").get("build");
    Path context = DIR.resolve((String) build.get("context")).normalize();
    assertTrue(Files.isRegularFile(context.resolve((String) build.get("dockerfile"))), build.toString());
    int mounts = 0;
    for (String service : COMPOSE.section("services").keySet()) {
      for (String volume : COMPOSE.list(service, "volumes")) {
        String source = volume.split(":")[0];
        if (source.startsWith(".")) {
          assertTrue(Files.isRegularFile(DIR.resolve(source)), service + " mounts a file that does not exist: " + volume);
          mounts++;
        } else {
          assertTrue(COMPOSE.section("volumes").containsKey(source), service + ": undeclared volume " + source);
        }
      }
    }
    assertEquals(3, mounts, "mosquitto.conf, passwd and acl");
  }

  @Test
  @DisplayName("secrets: files under docker/secrets/ (git-ignored there, created as the README says), each a "
      + "*_FILE under /run/secrets/ of the bridge; no environment value is a secret")
  void secretsAreFiles() throws IOException {
    Map<String, String> env = COMPOSE.environment("bluelink-mqtt");
    List<String> secrets = COMPOSE.list("bluelink-mqtt", "secrets");
    assertFalse(secrets.isEmpty());
    Readme readme = Readme.read();
    String ignore = Files.readString(DIR.resolve("secrets/.gitignore"));
    assertTrue(ignore.lines().anyMatch("*"::equals), "docker/secrets/ keeps secret files out of git");
    for (String secret : secrets) {
      String file = COMPOSE.secretFile(secret);
      assertEquals("./secrets/" + secret, file);
      assertTrue(readme.contains("secrets/" + secret), "README does not say how to create " + file);
      assertTrue(env.containsValue("/run/secrets/" + secret), "no *_FILE names the secret " + secret);
    }
    env.forEach((name, value) -> {
      if (value.startsWith("/run/secrets/")) {
        assertTrue(name.endsWith("_FILE"), name);
        assertTrue(secrets.contains(value.substring("/run/secrets/".length())), name + " names a secret not given");
      }
      assertFalse(name.matches(".*(PASSWORD|PIN|TOKEN)"), "a secret as a plain variable: " + name);
    });
  }

  @Test
  @DisplayName("every environment name any service sets is one the README documents")
  void envNamesAreDocumented() {
    Readme readme = Readme.read();
    for (String service : COMPOSE.section("services").keySet()) {
      COMPOSE.environment(service).keySet()
          .forEach(name -> assertTrue(readme.documentsEnv(name), service + ": README does not document " + name));
    }
    assertTrue(COMPOSE.environment("bluelink-mqtt").size() >= 8);
  }

  @Test
  @DisplayName("Mosquitto wants a password and applies the ACL, at the paths compose mounts them; Home Assistant is "
      + "behind a profile")
  void brokerAndProfiles() throws IOException {
    List<String> conf = Files.readAllLines(DIR.resolve("mosquitto/mosquitto.conf"));
    List<String> volumes = COMPOSE.list("mosquitto", "volumes");
    assertTrue(conf.contains("allow_anonymous false"), conf.toString());
    for (String key : List.of("password_file", "acl_file")) {
      String path = conf.stream().filter(l -> l.startsWith(key + " ")).findFirst().orElseThrow().split(" ")[1];
      assertTrue(volumes.stream().anyMatch(v -> v.split(":")[1].equals(path)), key + " " + path + " is not mounted");
    }
    assertEquals(List.of("homeassistant"), COMPOSE.list("homeassistant", "profiles"));
    assertEquals(List.of(), COMPOSE.list("bluelink-mqtt", "profiles"), "the bridge starts without a profile");
    assertEquals("mosquitto", COMPOSE.environment("bluelink-mqtt").get("MQTT_BROKER_HOST"));
  }

  @Test
  @DisplayName("${NAME:-default} resolves to its default, as compose does with NAME unset")
  void defaults() {
    assertEquals("HYUNDAI", ComposeFile.resolve("${HYUNDAI_BRAND:-HYUNDAI}"));
    assertEquals("", ComposeFile.resolve("${HYUNDAI_USERNAME:-}"));
    assertEquals("a-b", ComposeFile.resolve("a-${X}b"));
  }
}
