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
import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.TopicIdSource;
import io.bluelinkmqtt.config.Secret;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CloudModulesTest {

  private static AccountConfig account(Region region, Brand brand) {
    return new AccountConfig(region, brand, "me@example.com", Secret.of("pw"), Secret.empty(), Optional.empty(),
        TopicIdSource.VEHICLE_ID);
  }

  @Test
  @DisplayName("the registry serves Europe for every brand, a new module per account, and refuses a region no "
      + "module serves")
  void europeIsTheOnlyModule() {
    assertTrue(CloudModules.supported().contains(EuModule.SUPPORT));
    for (Brand brand : Brand.values()) {
      CloudModule module = CloudModules.forAccount(account(Region.EUROPE, brand));
      assertInstanceOf(EuModule.class, module);
      assertNotSame(module, CloudModules.forAccount(account(Region.EUROPE, brand)));
    }
    for (Region region : Region.values()) {
      if (CloudModules.supported().stream().noneMatch(s -> s.serves(region, Brand.KIA))) {
        assertThrows(IllegalArgumentException.class, () -> CloudModules.forAccount(account(region, Brand.KIA)));
      }
    }
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
}
