package io.bluelinkmqtt.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.CloudModule;
import io.bluelinkmqtt.api.canada.CanadaModule;
import io.bluelinkmqtt.api.eu.EuModule;
import io.bluelinkmqtt.api.eu.EuVehicleClient;
import io.bluelinkmqtt.api.type1.Type1Module;
import io.bluelinkmqtt.api.ushyundai.UsHyundaiModule;
import io.bluelinkmqtt.api.uskia.UsKiaModule;
import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.TopicIdSource;
import io.bluelinkmqtt.config.Secret;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CloudModulesTest {

  private static AccountConfig account(Region region, Brand brand) {
    return new AccountConfig(region, brand, "me@example.com", Secret.of("pw"), Secret.empty(), Optional.empty(),
        TopicIdSource.VEHICLE_ID);
  }

  @Test
  @DisplayName("the registry serves Europe for every brand, a new module per account")
  void europeForEveryBrand() {
    assertEquals(EuModule.SUPPORT, CloudModules.supported().get(0));
    for (Brand brand : Brand.values()) {
      CloudModule module = CloudModules.forAccount(account(Region.EUROPE, brand));
      assertInstanceOf(EuModule.class, module);
      assertNotSame(module, CloudModules.forAccount(account(Region.EUROPE, brand)));
    }
  }

  @Test
  @DisplayName("the Type 1 module serves AU (Kia, Hyundai), NZ (Kia), CN and IN (Kia, Hyundai), BR (Hyundai) only")
  void type1RegionsAndTheirBrands() {
    Map<Region, Set<Brand>> served = Map.of(Region.AUSTRALIA, Set.of(Brand.KIA, Brand.HYUNDAI),
        Region.NEW_ZEALAND, Set.of(Brand.KIA), Region.CHINA, Set.of(Brand.KIA, Brand.HYUNDAI),
        Region.INDIA, Set.of(Brand.KIA, Brand.HYUNDAI), Region.BRAZIL, Set.of(Brand.HYUNDAI));
    served.forEach((region, brands) -> {
      for (Brand brand : Brand.values()) {
        if (brands.contains(brand)) {
          CloudModule module = CloudModules.forAccount(account(region, brand));
          assertInstanceOf(Type1Module.class, module);
          assertEquals(region, module.support().region());
        } else {
          assertThrows(IllegalArgumentException.class, () -> CloudModules.forAccount(account(region, brand)));
        }
      }
    });
  }

  @Test
  @DisplayName("the USA: Hyundai and Genesis are the HATA module, whose forced refresh is one call")
  void usaHyundaiAndGenesis() {
    assertTrue(CloudModules.supported().contains(UsHyundaiModule.SUPPORT));
    for (Brand brand : List.of(Brand.HYUNDAI, Brand.GENESIS)) {
      assertInstanceOf(UsHyundaiModule.class, CloudModules.forAccount(account(Region.USA, brand)));
    }
    assertEquals(1, new UsHyundaiModule().maxCallsPerForce());
  }

  @Test
  @DisplayName("Canada: one module for Kia, Hyundai and Genesis; a forced refresh costs at most 5 calls")
  void canadaServesEveryBrand() {
    assertTrue(CloudModules.supported().contains(CanadaModule.SUPPORT));
    for (Brand brand : Brand.values()) {
      assertInstanceOf(CanadaModule.class, CloudModules.forAccount(account(Region.CANADA, brand)));
    }
    assertEquals(5, new CanadaModule().maxCallsPerForce());
  }

  @Test
  @DisplayName("the Europe module says a forced refresh costs at most 10 calls: read, wake, 6 re-reads, park, history")
  void europeForceCost() {
    assertEquals(10, new EuModule().maxCallsPerForce());
    assertEquals(EuVehicleClient.MAX_CALLS_PER_FORCE, new EuModule().maxCallsPerForce());
  }

  @Test
  @DisplayName("USA Kia: its own module (the other US brands are not its), a forced refresh costs at most 8 calls")
  void usKia() {
    assertTrue(CloudModules.supported().contains(UsKiaModule.SUPPORT));
    assertInstanceOf(UsKiaModule.class, CloudModules.forAccount(account(Region.USA, Brand.KIA)));
    assertEquals(java.util.Set.of(Brand.KIA), UsKiaModule.SUPPORT.brands());
    assertEquals(8, new UsKiaModule().maxCallsPerForce());
  }
}
