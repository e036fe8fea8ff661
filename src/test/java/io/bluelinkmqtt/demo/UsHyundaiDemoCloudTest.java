package io.bluelinkmqtt.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.ushyundai.UsHyundaiModule;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code --demo} with {@code HYUNDAI_REGION=USA} and Hyundai or Genesis runs the US Hyundai simulator. */
@ExtendWith(VertxExtension.class)
class UsHyundaiDemoCloudTest {

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("USA + Hyundai / Genesis: the US simulator, the module's one base URL pointed at it, its cars listed")
  void usaHyundaiAndGenesisRunTheUsSimulator(Vertx vertx, VertxTestContext ctx) {
    DemoCloud hyundai = DemoClouds.forRegion(vertx, Region.USA, Brand.HYUNDAI);
    DemoCloud genesis = DemoClouds.forRegion(vertx, Region.USA, Brand.GENESIS);
    assertInstanceOf(UsHyundaiDemoCloud.class, hyundai);
    assertInstanceOf(UsHyundaiDemoCloud.class, genesis);
    assertInstanceOf(DemoCloud.class, DemoClouds.forRegion(vertx, Region.EUROPE, Brand.HYUNDAI));
    hyundai.start().onComplete(ctx.succeeding(port -> ctx.verify(() -> {
      assertTrue(hyundai.baseUrl().startsWith("http://127.0.0.1:"));
      assertEquals(hyundai.baseUrl(), hyundai.endpoints().url(UsHyundaiModule.HATA));
      assertEquals(List.of("H3IONIQ50001", "H2SANTAFE002"), hyundai.vehicleIds());
      assertTrue(!hyundai.pin().isEmpty(), "the demo hands the bridge a PIN: every US call needs one");
      hyundai.stop().onComplete(ctx.succeedingThenComplete());
    })));
  }
}
