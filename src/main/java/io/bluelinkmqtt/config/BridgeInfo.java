package io.bluelinkmqtt.config;

import io.vertx.core.json.JsonObject;

/** What {@code {base}/bridge/info} tells about this bridge: version and the effective config without secrets. */
public record BridgeInfo(String version, JsonObject effectiveConfig) {

  /** The bridge's jar (or classes directory, run from an IDE or the tests): what lies beside it belongs to it. */
  public static java.nio.file.Path codeLocation() throws java.io.IOException {
    try {
      return java.nio.file.Path.of(BridgeInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      throw new java.io.IOException("cannot tell where the bridge's jar is", e);
    }
  }

  public static String currentVersion() {
    String v = BridgeInfo.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** With {@code accounts}: each account's id, region, brand and topic id source, never a credential. */
  public static BridgeInfo of(AppConfig c, Accounts accounts) {
    BridgeInfo info = of(c);
    if (accounts.classic()) {
      return info;
    }
    io.vertx.core.json.JsonArray list = new io.vertx.core.json.JsonArray();
    for (Accounts.Account a : accounts.all()) {
      list.add(new JsonObject().put("id", a.id()).put("region", String.valueOf(a.account().region()))
          .put("brand", String.valueOf(a.account().brand()))
          .put("topicIdSource", String.valueOf(a.account().topicIdSource()))
          .put("vehicleFilter", a.account().vehicleId().isPresent())
          .put("dailyCallCap", a.stewardship().dailyCallCap()));
    }
    info.effectiveConfig().put("accounts", list);
    return info;
  }

  public static BridgeInfo of(AppConfig c) {
    JsonObject effective = new JsonObject()
        .put("demo", c.demo())
        .put("region", String.valueOf(c.account().region()))
        .put("brand", String.valueOf(c.account().brand()))
        .put("topicIdSource", String.valueOf(c.account().topicIdSource()))
        .put("mqtt", new JsonObject().put("host", c.mqtt().host()).put("port", c.mqtt().port())
            .put("tls", c.mqtt().tls().enabled()).put("clientId", c.mqtt().clientId())
            .put("baseTopic", c.mqtt().baseTopic()).put("keepAliveSeconds", c.mqtt().keepAliveSeconds()))
        .put("command", new JsonObject().put("minForceIntervalSeconds", c.command().minForceIntervalSeconds())
            .put("initialRefresh", c.command().initialRefresh()))
        .put("homeAssistant", new JsonObject().put("discovery", c.homeAssistant().discovery())
            .put("prefix", c.homeAssistant().prefix()))
        .put("stewardship", new JsonObject().put("dailyCallCap", c.stewardship().dailyCallCap())
            .put("auxBatteryFloorPercent", c.stewardship().auxBatteryFloorPercent())
            .put("quietHours", c.stewardship().quietHoursStart().isEmpty() ? null
                : c.stewardship().quietHoursStart() + "-" + c.stewardship().quietHoursEnd()));
    return new BridgeInfo(currentVersion(), effective);
  }
}
