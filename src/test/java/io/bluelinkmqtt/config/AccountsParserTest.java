package io.bluelinkmqtt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.config.Accounts.Account;
import io.bluelinkmqtt.domain.Brand;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AccountsParserTest {

  private static Accounts parse(JsonObject file, Map<String, String> env) {
    ConfigLoader.RawConfig raw = new ConfigLoader.RawConfig(file, env);
    AppConfig config = ConfigLoader.parse(raw, false, CloudModules.supported());
    return ConfigLoader.parseAccounts(raw, config, CloudModules.supported());
  }

  private static String problems(JsonObject file, Map<String, String> env) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(file, env));
    return String.join("\n", e.problems());
  }

  @Test
  @DisplayName("the single-account names keep the classic layout: one account, state directly in the state dir")
  void singleAccountIsClassic() {
    Accounts accounts = parse(new JsonObject().put("api", new JsonObject().put("stateDir", "/srv/state")),
        Map.of("HYUNDAI_USERNAME", "me@example.com", "HYUNDAI_PASSWORD", "pw"));
    assertTrue(accounts.classic());
    assertEquals(Path.of("/srv/state"), accounts.first().api().stateDir());
  }

  @Test
  @DisplayName("indexed variables alone make accounts, each with its id, brand, PIN, filter and state sub-directory")
  void indexedVariables() {
    Map<String, String> env = new HashMap<>();
    env.put("HYUNDAI_1_USERNAME", "a@example.com");
    env.put("HYUNDAI_1_PASSWORD", "pw-a");
    env.put("HYUNDAI_1_BRAND", "KIA");
    env.put("HYUNDAI_2_USERNAME", "b@example.com");
    env.put("HYUNDAI_2_PASSWORD", "pw-b");
    env.put("HYUNDAI_2_PIN", "2468");
    env.put("HYUNDAI_2_VEHICLE_ID", "KMH123");
    Accounts accounts = parse(new JsonObject().put("api", new JsonObject().put("stateDir", "/srv/state")), env);
    assertFalse(accounts.classic());
    List<Account> all = accounts.all();
    assertEquals(List.of("account1", "account2"), all.stream().map(Account::id).toList());
    assertEquals(Brand.KIA, all.get(0).account().brand());
    assertEquals(Brand.HYUNDAI, all.get(1).account().brand());
    assertEquals("2468", all.get(1).account().pin().reveal());
    assertTrue(all.get(0).account().pin().isEmpty());
    assertEquals(Optional.of("KMH123"), all.get(1).account().vehicleId());
    assertEquals(Path.of("/srv/state/account2"), all.get(1).api().stateDir());
    assertFalse(all.get(0).toString().contains("pw-a"), "no secret in toString");
  }

  @Test
  @DisplayName("an accounts list: ids, per-account stewardship and endpoints laid over the top level")
  void accountsList() {
    JsonObject file = new JsonObject()
        .put("stewardship", new JsonObject().put("dailyCallCap", 120).put("auxBatteryFloorPercent", 40))
        .put("accounts", new JsonArray()
            .add(new JsonObject().put("id", "home"))
            .add(new JsonObject().put("id", "fleet").put("stewardship", new JsonObject().put("dailyCallCap", 30))
                .put("api", new JsonObject().put("endpoints", new JsonObject().put("europe",
                    new JsonObject().put("ccapi", "http://127.0.0.1:9999"))))));
    Accounts accounts = parse(file, Map.of("HYUNDAI_1_USERNAME", "a@example.com", "HYUNDAI_1_PASSWORD", "x",
        "HYUNDAI_2_USERNAME", "b@example.com", "HYUNDAI_2_PASSWORD", "y"));
    Account home = accounts.all().get(0);
    Account fleet = accounts.all().get(1);
    assertEquals(120, home.stewardship().dailyCallCap());
    assertEquals(30, fleet.stewardship().dailyCallCap());
    assertEquals(40, fleet.stewardship().auxBatteryFloorPercent(), "the rest of stewardship is the top level's");
    assertEquals("", home.api().endpoints().url("ccapi"));
    assertEquals("http://127.0.0.1:9999", fleet.api().endpoints().url("ccapi"));
  }

  @Test
  @DisplayName("each account's problems name it and the variable the user set; a password in the file is refused")
  void problemsNameTheAccount() {
    JsonObject file = new JsonObject().put("accounts", new JsonArray()
        .add(new JsonObject().put("id", "home").put("password", "leaked-pw"))
        .add(new JsonObject().put("id", "home")));
    String problems = problems(file, Map.of("HYUNDAI_1_USERNAME", "a@example.com", "HYUNDAI_2_USERNAME",
        "b@example.com", "HYUNDAI_2_PASSWORD", "y", "HYUNDAI_2_PIN", "12"));
    assertTrue(problems.contains("accounts[0] (home): accounts[0].password: secrets are not read from the config "
        + "file; set HYUNDAI_1_PASSWORD"), problems);
    assertTrue(problems.contains("accounts[1] (home): id is used twice"), problems);
    assertTrue(problems.contains("HYUNDAI_2_PIN: must be 4 digits"), problems);
    assertFalse(problems.contains("leaked-pw"), problems);
  }

  @Test
  @DisplayName("refused: both the single account and a list, an entry without a user name, two accounts on one car")
  void conflictsAreRefused() {
    assertTrue(problems(new JsonObject(), Map.of("HYUNDAI_USERNAME", "me@example.com", "HYUNDAI_PASSWORD", "p",
        "HYUNDAI_1_USERNAME", "a@example.com", "HYUNDAI_1_PASSWORD", "x")).contains("not both"));
    JsonObject file = new JsonObject().put("accounts", new JsonArray().add(new JsonObject().put("id", "a"))
        .add(new JsonObject().put("id", "b")));
    assertTrue(problems(file, Map.of("HYUNDAI_1_USERNAME", "a@example.com", "HYUNDAI_1_PASSWORD", "x"))
        .contains("accounts[1] (b): needs a username (HYUNDAI_2_USERNAME"));
    assertTrue(problems(file, Map.of("HYUNDAI_1_USERNAME", "a@example.com", "HYUNDAI_1_PASSWORD", "x",
        "HYUNDAI_1_VEHICLE_ID", "CAR1", "HYUNDAI_2_USERNAME", "b@example.com", "HYUNDAI_2_PASSWORD", "y",
        "HYUNDAI_2_VEHICLE_ID", "CAR1")).contains("vehicleId CAR1 is also account a's"));
  }

  @Test
  @DisplayName("an accounts list is not a demo; --demo still is")
  void accountsAreNoDemo() {
    Map<String, String> env = Map.of("HYUNDAI_1_USERNAME", "a@example.com", "HYUNDAI_1_PASSWORD", "x");
    ConfigLoader.RawConfig raw = new ConfigLoader.RawConfig(new JsonObject(), env);
    AppConfig config = ConfigLoader.parse(raw, false, CloudModules.supported());
    assertFalse(config.demo());
    assertEquals("a@example.com", config.account().username(), "the first account stands in for one account");
    assertTrue(ConfigLoader.parse(raw, true, CloudModules.supported()).demo());
  }

  @Test
  @DisplayName("cluster settings: members, roles, majority quorum; bad values are listed")
  void clusterConfig() {
    ClusterConfig off = ClusterConfig.parse(new JsonObject(), Map.of(), false, null);
    assertFalse(off.enabled());
    assertEquals(ClusterConfig.ROLES, off.roles());
    ClusterConfig on = ClusterConfig.parse(new JsonObject().put("cluster", new JsonObject()
            .put("members", new JsonArray().add("10.0.0.1:5701").add("10.0.0.2:5701").add("10.0.0.3:5701"))),
        Map.of("CLUSTER_HOST", "10.0.0.1"), true, "api");
    assertTrue(on.enabled());
    assertEquals("10.0.0.1", on.host());
    assertEquals(2, on.quorum());
    assertEquals(java.util.Set.of("api"), on.roles());
    ConfigException bad = assertThrows(ConfigException.class, () -> ClusterConfig.parse(new JsonObject(),
        Map.of("CLUSTER_MEMBERS", "nohost", "CLUSTER_ROLES", "front,backend", "CLUSTER_PORT", "0"), false, null));
    String all = String.join("\n", bad.problems());
    assertTrue(all.contains("'nohost' is not host:port"), all);
    assertTrue(all.contains("unknown role 'backend'"), all);
    assertTrue(all.contains("cluster.port: 0 is outside"), all);
  }
}
