package io.bluelinkmqtt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.cloud.CloudModules;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ConfigLoaderTest {

  private static final String CANARY = "canary-in-file-5b1e";

  @TempDir
  Path dir;

  @Test
  @DisplayName("a broken config file is named with line and column, never its text, together with every bad variable")
  void brokenFileReportedWithPositionAndTheOtherProblems(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\n  \"mqtt\": {\"port\": 1883,},\n  \"x\": " + CANARY + "\n}\n");
    ConfigLoader.read(vertx, file, false, CloudModules.supported()).onComplete(ctx.succeeding(raw -> ctx.verify(() -> {
      assertEquals(List.of(file + ": not valid JSON at line 2, column 25"), raw.fileProblems());
      assertEquals(new JsonObject(), raw.file());
      ConfigLoader.RawConfig withEnv = new ConfigLoader.RawConfig(raw.file(),
          Map.of("LOG_LEVEL", "loud", "API_DAILY_CALL_CAP", "-1"), raw.fileProblems());
      ConfigException e = assertThrows(ConfigException.class,
          () -> ConfigLoader.parse(withEnv, false, CloudModules.supported()));
      assertEquals(3, e.problems().size(), e.problems().toString());
      assertTrue(e.problems().get(0).contains("line 2, column 25"), e.problems().get(0));
      assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("LOG_LEVEL:")), e.problems().toString());
      assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("API_DAILY_CALL_CAP:")), e.problems().toString());
      assertFalse(e.getMessage().contains(CANARY), e.getMessage());
      assertFalse(e.getMessage().contains("Exception"), e.getMessage());
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a file that is not one JSON object, a duplicate key, or text after the object is refused")
  void fileShapeIsChecked() {
    List<String> problems = new java.util.ArrayList<>();
    Path name = Path.of("conf/config.json");
    ConfigLoader.decode(name, io.vertx.core.buffer.Buffer.buffer("[1, 2]"), problems);
    ConfigLoader.decode(name, io.vertx.core.buffer.Buffer.buffer("{\"a\": 1, \"a\": 2}"), problems);
    ConfigLoader.decode(name, io.vertx.core.buffer.Buffer.buffer("{\"a\": 1} {\"b\": 2}"), problems);
    assertEquals(3, problems.size(), problems.toString());
    assertEquals("conf/config.json: must hold one JSON object ({ ... })", problems.get(0));
    JsonObject good = ConfigLoader.decode(name, io.vertx.core.buffer.Buffer.buffer("{\"mqtt\": {\"port\": 1999}}"),
        problems);
    assertEquals(1999, good.getJsonObject("mqtt").getInteger("port"));
    assertEquals(3, problems.size());
  }

  @Test
  @DisplayName("a missing default file is fine; a missing --config file is a problem")
  void missingFiles(Vertx vertx, VertxTestContext ctx) {
    Path missing = dir.resolve("nope.json");
    ConfigLoader.read(vertx, missing, false, CloudModules.supported())
        .compose(implicit -> {
          ctx.verify(() -> assertEquals(List.of(), implicit.fileProblems()));
          return ConfigLoader.read(vertx, missing, true, CloudModules.supported());
        })
        .onComplete(ctx.succeeding(explicit -> ctx.verify(() -> {
          assertEquals(List.of(missing + ": no such file"), explicit.fileProblems());
          ctx.completeNow();
        })));
  }
}
