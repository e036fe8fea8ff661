package io.bluelinkmqtt.cloud;

import io.bluelinkmqtt.api.CloudModule;
import io.bluelinkmqtt.api.canada.CanadaModule;
import io.bluelinkmqtt.api.eu.EuModule;
import io.bluelinkmqtt.api.type1.Type1Module;
import io.bluelinkmqtt.api.ushyundai.UsHyundaiModule;
import io.bluelinkmqtt.api.uskia.UsKiaModule;
import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.RegionSupport;
import io.bluelinkmqtt.domain.Region;
import java.util.List;
import java.util.function.Supplier;

/** The registry of region modules: adding a region is one line in {@link #MODULES}. */
public final class CloudModules {

  private static final List<Supplier<CloudModule>> MODULES = List.of(
      EuModule::new,
      () -> new Type1Module(Region.AUSTRALIA),
      () -> new Type1Module(Region.NEW_ZEALAND),
      () -> new Type1Module(Region.CHINA),
      () -> new Type1Module(Region.INDIA),
      () -> new Type1Module(Region.BRAZIL),
      UsHyundaiModule::new,
      UsKiaModule::new,
      CanadaModule::new);

  private CloudModules() {
  }

  /** What every module serves, for the configuration (which refuses any other region/brand pair). */
  public static List<RegionSupport> supported() {
    return MODULES.stream().map(module -> module.get().support()).toList();
  }

  /**
   * A new module for the account's region and brand.
   *
   * @throws IllegalArgumentException when no module serves the pair (the configuration refuses it first)
   */
  public static CloudModule forAccount(AccountConfig account) {
    return MODULES.stream().map(Supplier::get)
        .filter(module -> module.support().serves(account.region(), account.brand()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no module serves " + account.region() + " / "
            + account.brand()));
  }
}
