package io.bluelinkmqtt.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code conf/config.json} (or the file given with {@code --config}) and the whitelisted
 * environment variables (through vertx-config, without periodic rescans). A broken file does not stop the
 * reading: its problem (file, line, column) is kept and reported together with every bad setting.
 */
public final class ConfigLoader {

  public static final String DEFAULT_FILE = "conf/config.json";

  private static final ObjectMapper STRICT_JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private ConfigLoader() {
  }

  /**
   * The raw file JSON and the environment, ready for {@link ConfigParser}.
   *
   * @param fileProblems what is wrong with the config file itself; its settings are then ignored
   */
  public record RawConfig(JsonObject file, Map<String, String> env, List<String> fileProblems) {
    public RawConfig(JsonObject file, Map<String, String> env) {
      this(file, env, List.of());
    }
  }

  /**
   * @param file the config file; a missing default file is not an error (every setting has a default),
   *     a missing file named with --config is
   * @param regions the region modules, whose base-URL variables are read too
   */
  public static Future<RawConfig> read(Vertx vertx, Path file, boolean explicitFile, List<RegionSupport> regions) {
    ConfigStoreOptions envStore = new ConfigStoreOptions().setType("env").setConfig(new JsonObject()
        .put("keys", new JsonArray(envNames(regions))).put("raw-data", true));
    Future<JsonObject> envJson = ConfigRetriever.create(vertx,
        new ConfigRetrieverOptions().setScanPeriod(0).addStore(envStore)).getConfig();
    List<String> fileProblems = new ArrayList<>();
    Future<JsonObject> fileJson = vertx.fileSystem().exists(file.toString()).compose(exists -> {
      if (!exists) {
        if (explicitFile) {
          fileProblems.add(file + ": no such file");
        }
        return Future.succeededFuture(new JsonObject());
      }
      return vertx.fileSystem().readFile(file.toString())
          .map(buffer -> decode(file, buffer, fileProblems))
          .recover(err -> {
            fileProblems.add(file + ": cannot read the file (" + err.getClass().getSimpleName() + ")");
            return Future.succeededFuture(new JsonObject());
          });
    });
    return Future.all(fileJson, envJson).map(all -> {
      Map<String, String> env = new HashMap<>();
      envJson.result().forEach(e -> env.put(e.getKey(), String.valueOf(e.getValue())));
      return new RawConfig(fileJson.result(), env, List.copyOf(fileProblems));
    });
  }

  /** The single-account names, the region modules' ones and the indexed names of several accounts. */
  private static List<String> envNames(List<RegionSupport> regions) {
    List<String> names = new ArrayList<>(ConfigParser.envNames(regions));
    names.addAll(AccountsParser.envNames());
    names.addAll(ClusterConfig.envNames());
    return names;
  }

  /**
   * The file's JSON object, or an empty one with the problem recorded. The problem names the position only, never
   * the text there: a misplaced password must not be echoed.
   */
  static JsonObject decode(Path file, Buffer buffer, List<String> problems) {
    try {
      JsonNode root = STRICT_JSON.readTree(buffer.toString(StandardCharsets.UTF_8));
      if (root == null || !root.isObject()) {
        problems.add(file + ": must hold one JSON object ({ ... })");
        return new JsonObject();
      }
      return new JsonObject(STRICT_JSON.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      problems.add(file + ": not valid JSON" + where);
      return new JsonObject();
    }
  }

  /**
   * Parses on the calling thread; it may read *_FILE secrets, so never call it on an event loop. Throws one
   * {@link ConfigException} with the file's problems and every bad setting.
   */
  public static AppConfig parse(RawConfig raw, boolean demoRequested, List<RegionSupport> regions) {
    List<String> problems = new ArrayList<>(raw.fileProblems());
    try {
      AppConfig config = ConfigParser.parse(raw.file(), raw.env(), ConfigLoader::readSecretFile, demoRequested,
          regions);
      if (!demoRequested && AccountsParser.configured(raw.file(), raw.env())) {
        // several accounts: not a demo; the first stands in wherever one account is shown
        Accounts accounts = AccountsParser.parse(raw.file(), raw.env(), ConfigLoader::readSecretFile, regions, config);
        config = new AppConfig(accounts.first().account(), config.mqtt(), config.api(), config.command(),
            config.homeAssistant(), config.stewardship(), config.logging(), false);
      }
      if (problems.isEmpty()) {
        return config;
      }
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    throw new ConfigException(problems);
  }

  /**
   * The accounts of {@code config} (parsed by {@link #parse}): an {@code accounts} list / indexed variables, or
   * the single account. Parses on the calling thread, like {@link #parse}.
   */
  public static Accounts parseAccounts(RawConfig raw, AppConfig config, List<RegionSupport> regions) {
    if (config.demo()) {
      return Accounts.single(config);
    }
    return AccountsParser.parse(raw.file(), raw.env(), ConfigLoader::readSecretFile, regions, config);
  }

  /** Reads a {@code *_FILE} secret; blocking. */
  public static String readSecretFile(Path path) throws IOException {
    return Files.readString(path, StandardCharsets.UTF_8);
  }
}
