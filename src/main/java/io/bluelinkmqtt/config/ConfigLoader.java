package io.bluelinkmqtt.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@code conf/config.json} (or the file given with {@code --config}) and the whitelisted
 * environment variables through vertx-config, without periodic rescans.
 */
public final class ConfigLoader {

  public static final String DEFAULT_FILE = "conf/config.json";

  private ConfigLoader() {
  }

  /** The raw file JSON and the environment, ready for {@link ConfigParser}. */
  public record RawConfig(JsonObject file, Map<String, String> env) {
  }

  /**
   * @param file the config file; a missing default file is not an error (every setting has a default),
   *     a missing file named with --config is
   */
  public static Future<RawConfig> read(Vertx vertx, Path file, boolean explicitFile) {
    ConfigStoreOptions fileStore = new ConfigStoreOptions().setType("file").setFormat("json")
        .setOptional(!explicitFile).setConfig(new JsonObject().put("path", file.toString()));
    ConfigStoreOptions envStore = new ConfigStoreOptions().setType("env").setConfig(new JsonObject()
        .put("keys", new JsonArray(EnvVars.allNames())).put("raw-data", true));
    Future<JsonObject> fileJson = ConfigRetriever.create(vertx,
        new ConfigRetrieverOptions().setScanPeriod(0).addStore(fileStore)).getConfig();
    Future<JsonObject> envJson = ConfigRetriever.create(vertx,
        new ConfigRetrieverOptions().setScanPeriod(0).addStore(envStore)).getConfig();
    return Future.all(fileJson, envJson).map(all -> {
      Map<String, String> env = new HashMap<>();
      envJson.result().forEach(e -> env.put(e.getKey(), String.valueOf(e.getValue())));
      return new RawConfig(fileJson.result(), env);
    });
  }

  /** Parses on the calling thread; it may read *_FILE secrets, so never call it on an event loop. */
  public static AppConfig parse(RawConfig raw, boolean demoRequested) {
    return ConfigParser.parse(raw.file(), raw.env(), ConfigLoader::readSecretFile, demoRequested);
  }

  private static String readSecretFile(Path path) throws java.io.IOException {
    return Files.readString(path, StandardCharsets.UTF_8);
  }
}
