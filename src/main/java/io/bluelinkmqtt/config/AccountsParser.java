package io.bluelinkmqtt.config;

import io.bluelinkmqtt.config.Accounts.Account;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads several accounts: the {@code accounts} list of the config file and the indexed variables
 * {@code HYUNDAI_<n>_USERNAME}, {@code _PASSWORD}, {@code _PIN}, {@code _REGION}, {@code _BRAND},
 * {@code _VEHICLE_ID} (n = 1..{@value #MAX_ACCOUNTS}, the n-th entry of the list; {@code *_FILE} for the three
 * secrets). Each account is parsed by {@link ConfigParser} itself, as if it were the only one, on the file with
 * its entry laid over {@code account}, its {@code api} over {@code api} and its {@code stewardship} over
 * {@code stewardship}: every rule of the single account (secrets only from the environment, supported
 * region/brand pairs, base URLs) holds for each.
 */
public final class AccountsParser {

  public static final int MAX_ACCOUNTS = 9;
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final List<String> FIELDS = List.of("USERNAME", "PASSWORD", "PIN", "REGION", "BRAND", "VEHICLE_ID");
  private static final List<String> SECRET_FIELDS = List.of("USERNAME", "PASSWORD", "PIN");
  private static final Pattern SINGLE_NAME = Pattern.compile("\\bHYUNDAI_(USERNAME|PASSWORD|PIN|REGION|BRAND|VEHICLE_ID)");

  private AccountsParser() {
  }

  /** The indexed variables, for the environment store. */
  public static List<String> envNames() {
    List<String> names = new ArrayList<>();
    for (int n = 1; n <= MAX_ACCOUNTS; n++) {
      for (String field : FIELDS) {
        names.add(indexed(n, field));
      }
      for (String field : SECRET_FIELDS) {
        names.add(indexed(n, field) + "_FILE");
      }
    }
    return names;
  }

  /** Whether the file or the environment names several accounts (an {@code accounts} list or indexed names). */
  public static boolean configured(JsonObject file, Map<String, String> env) {
    return count(file, env) > 0;
  }

  /**
   * The accounts, or {@link Accounts#single} of {@code config} when none is listed.
   *
   * @throws ConfigException listing every bad setting of every account
   */
  public static Accounts parse(JsonObject file, Map<String, String> env, ConfigParser.FileReader readFile,
                               List<RegionSupport> regions, AppConfig config) {
    int count = count(file, env);
    if (count == 0) {
      return Accounts.single(config);
    }
    List<String> problems = new ArrayList<>();
    boolean single = env.containsKey("HYUNDAI_USERNAME") || env.containsKey("HYUNDAI_USERNAME_FILE")
        || (file.getValue("account") instanceof JsonObject a && !String.valueOf(a.getValue("username", "")).isBlank());
    if (single) {
      problems.add("HYUNDAI_USERNAME / account.username: set either the single account or the accounts list "
          + "(accounts / HYUNDAI_<n>_*), not both");
    }
    JsonArray list = file.getValue("accounts") instanceof JsonArray a ? a : new JsonArray();
    if (file.containsKey("accounts") && !(file.getValue("accounts") instanceof JsonArray)) {
      problems.add("accounts (config file): must be a list of objects");
    }
    List<Account> accounts = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<String, String> filters = new HashMap<>();
    for (int n = 1; n <= count; n++) {
      JsonObject entry = n <= list.size() && list.getValue(n - 1) instanceof JsonObject o ? o.copy() : new JsonObject();
      if (n <= list.size() && !(list.getValue(n - 1) instanceof JsonObject)) {
        problems.add("accounts[" + (n - 1) + "] (config file): must be an object");
      }
      String id = String.valueOf(entry.getValue("id", "account" + n)).strip();
      String where = "accounts[" + (n - 1) + "] (" + id + ")";
      if (!ID.matcher(id).matches()) {
        problems.add(where + ": id must be lower-case letters, digits, '_' or '-' (1-32)");
      } else if (!ids.add(id)) {
        problems.add(where + ": id is used twice; every account needs an id of its own (its state sub-directory)");
      }
      try {
        AppConfig one = ConfigParser.parse(overlay(file, entry), envFor(n, env), readFile, false, regions);
        if (!one.account().configured()) {
          problems.add(where + ": needs a username (" + indexed(n, "USERNAME") + " or accounts[" + (n - 1)
              + "].username)");
          continue;
        }
        one.account().vehicleId().ifPresent(filter -> {
          String other = filters.putIfAbsent(filter, id);
          if (other != null) {
            problems.add(where + ": vehicleId " + filter + " is also account " + other + "'s; one car, one account");
          }
        });
        accounts.add(new Account(id, one.account(), one.api().withStateDir(config.api().stateDir().resolve(id)),
            one.stewardship()));
      } catch (ConfigException e) {
        final int index = n;
        e.problems().forEach(p -> problems.add(where + ": " + relabel(p, index)));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new Accounts(accounts, false);
  }

  private static int count(JsonObject file, Map<String, String> env) {
    int count = file != null && file.getValue("accounts") instanceof JsonArray list ? list.size() : 0;
    if (file != null && file.containsKey("accounts") && count == 0) {
      count = file.getValue("accounts") instanceof JsonArray ? 0 : 1; // reported as malformed
    }
    for (int n = 1; n <= MAX_ACCOUNTS; n++) {
      if (env.containsKey(indexed(n, "USERNAME")) || env.containsKey(indexed(n, "USERNAME") + "_FILE")) {
        count = Math.max(count, n);
      }
    }
    return count;
  }

  /** The file as this account's parser sees it: its entry as {@code account}, its api and stewardship laid over. */
  private static JsonObject overlay(JsonObject file, JsonObject entry) {
    JsonObject tree = file.copy();
    tree.remove("accounts");
    JsonObject api = entry.remove("api") instanceof JsonObject a ? a : new JsonObject();
    JsonObject stewardship = entry.remove("stewardship") instanceof JsonObject s ? s : new JsonObject();
    entry.remove("id");
    tree.put("account", entry);
    tree.put("api", merge(tree.getValue("api") instanceof JsonObject a ? a : new JsonObject(), api));
    tree.put("stewardship", merge(tree.getValue("stewardship") instanceof JsonObject s ? s : new JsonObject(),
        stewardship));
    return tree;
  }

  private static JsonObject merge(JsonObject base, JsonObject over) {
    JsonObject out = base.copy();
    over.forEach(e -> {
      if (e.getValue() instanceof JsonObject child && out.getValue(e.getKey()) instanceof JsonObject mine) {
        out.put(e.getKey(), merge(mine, child));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    });
    return out;
  }

  /** The environment with the single-account names replaced by account {@code n}'s indexed ones. */
  private static Map<String, String> envFor(int n, Map<String, String> env) {
    Map<String, String> out = new HashMap<>(env);
    for (String field : FIELDS) {
      out.remove("HYUNDAI_" + field);
      out.remove("HYUNDAI_" + field + "_FILE");
      copy(env, indexed(n, field), out, "HYUNDAI_" + field);
      copy(env, indexed(n, field) + "_FILE", out, "HYUNDAI_" + field + "_FILE");
    }
    return out;
  }

  private static void copy(Map<String, String> from, String name, Map<String, String> to, String as) {
    String value = from.get(name);
    if (value != null) {
      to.put(as, value);
    }
  }

  /** Problems name the variable the user set: HYUNDAI_2_PIN, accounts[1].region. */
  private static String relabel(String problem, int n) {
    return SINGLE_NAME.matcher(problem).replaceAll("HYUNDAI_" + n + "_$1")
        .replace("account.", "accounts[" + (n - 1) + "].");
  }

  private static String indexed(int n, String field) {
    return "HYUNDAI_" + n + "_" + field;
  }
}
