package io.bluelinkmqtt.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.uskia.UsKiaModule;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.testsupport.Await;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code --demo} with HYUNDAI_REGION=USA, HYUNDAI_BRAND=KIA runs the US Kia simulator. */
class UsKiaDemoCloudTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    Await.result(vertx.close(), WAIT);
  }

  @Test
  @DisplayName("USA + Kia: the US Kia simulator with its two cars, the module's one base URL pointed at it; Europe "
      + "still by region")
  void usKiaDemo() {
    DemoCloud cloud = DemoClouds.forRegion(vertx, Region.USA, Brand.KIA);
    assertInstanceOf(UsKiaDemoCloud.class, cloud);
    Await.result(cloud.start(), WAIT);
    assertEquals(cloud.baseUrl(), cloud.endpoints().url(UsKiaModule.APIGW));
    assertTrue(cloud.baseUrl().startsWith("http://127.0.0.1:"), cloud.baseUrl());
    assertEquals(2, cloud.vehicleIds().size());
    Await.result(cloud.stop(), WAIT);
    assertEquals("Europe", DemoClouds.forRegion(vertx, Region.EUROPE, Brand.KIA).getClass().getSimpleName());
  }
}
