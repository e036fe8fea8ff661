package io.bluelinkmqtt.api.type1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.UpstreamResponse;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.type1.Type1Profile.StampRule;
import io.bluelinkmqtt.api.type1.mapping.Type1DataMapper;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.domain.Vehicle.EngineType;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The per-region differences as the spec gives them (§1.3, §2.2–2.5, §5.2, §6.6). */
class Type1ProfilesTest {

  @Test
  @DisplayName("Stamp rules: AU/NZ every call, IN login only, CN and BR none")
  void stampRules() {
    assertEquals(StampRule.EVERY_CALL, Type1Profiles.require(Region.AUSTRALIA, Brand.KIA).stamp());
    assertEquals(StampRule.EVERY_CALL, Type1Profiles.require(Region.NEW_ZEALAND, Brand.KIA).stamp());
    assertEquals(StampRule.LOGIN_ONLY, Type1Profiles.require(Region.INDIA, Brand.HYUNDAI).stamp());
    assertEquals(StampRule.NONE, Type1Profiles.require(Region.CHINA, Brand.HYUNDAI).stamp());
    assertEquals(StampRule.NONE, Type1Profiles.require(Region.BRAZIL, Brand.HYUNDAI).stamp());
    assertNull(Type1Profiles.require(Region.CHINA, Brand.KIA).stampKey());
  }

  @Test
  @DisplayName("actions per region and car: AU/NZ the EU table (CCS2-only ones on CCS2 cars), CN lock/climate/charge, "
      + "IN also the charge port, BR windows and hazard but no charging; nothing that needs a plug without one")
  void actionsPerRegion() {
    Type1Profile australia = Type1Profiles.require(Region.AUSTRALIA, Brand.KIA);
    assertEquals(EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.CHARGE, CommandName.CHARGE_LIMITS,
        CommandName.CHARGE_PORT, CommandName.WINDOWS), australia.actionsFor(EngineType.EV, false));
    assertEquals(EnumSet.complementOf(EnumSet.of(CommandName.REFRESH)), australia.actionsFor(EngineType.EV, true));
    assertEquals(EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.WINDOWS, CommandName.HAZARD,
        CommandName.HORN_LIGHTS), australia.actionsFor(EngineType.ICE, true), "no charging without a plug");
    assertEquals(australia.actions(), Type1Profiles.require(Region.NEW_ZEALAND, Brand.KIA).actions());
    assertEquals(EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.CHARGE),
        Type1Profiles.require(Region.CHINA, Brand.HYUNDAI).actionsFor(EngineType.EV, true));
    assertEquals(EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.CHARGE, CommandName.CHARGE_PORT),
        Type1Profiles.require(Region.INDIA, Brand.KIA).actionsFor(EngineType.PHEV, true));
    assertEquals(EnumSet.of(CommandName.LOCK, CommandName.CLIMATE),
        Type1Profiles.require(Region.INDIA, Brand.KIA).actionsFor(EngineType.HEV, false));
    Type1Profile brazil = Type1Profiles.require(Region.BRAZIL, Brand.HYUNDAI);
    assertEquals(EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.WINDOWS, CommandName.HAZARD),
        brazil.actionsFor(EngineType.EV, false), "Brazil's routes know no formats: its hazard lights on every car");
    assertEquals(brazil.actionsFor(EngineType.EV, false), brazil.actionsFor(EngineType.ICE, true));
    assertFalse(Type1Profiles.of(Region.BRAZIL, Brand.KIA).isPresent());
    assertFalse(Type1Profiles.of(Region.NEW_ZEALAND, Brand.HYUNDAI).isPresent());
  }

  @Test
  @DisplayName("redirect URIs from the real host (CN with :443), the refresh redirect only in CN and IN")
  void redirects() {
    assertEquals("https://au-apigw.ccs.hyundai.com.au:8080/api/v1/user/oauth2/redirect",
        Type1Profiles.require(Region.AUSTRALIA, Brand.HYUNDAI).redirectUri());
    assertEquals("https://prd.cn-ccapi.kia.com:443/api/v1/user/oauth2/redirect",
        Type1Profiles.require(Region.CHINA, Brand.KIA).redirectUri());
    assertNull(Type1Profiles.require(Region.AUSTRALIA, Brand.KIA).refreshRedirectUri());
    assertEquals("https://www.getpostman.com/oauth2/callback",
        Type1Profiles.require(Region.INDIA, Brand.KIA).refreshRedirectUri());
  }

  @Test
  @DisplayName("set-point tables: AU from 17.0 °C (0AH = 22.0), others from 14.0 °C (10H = 22.0)")
  void temperatureTables() {
    assertEquals(22.0, Type1DataMapper.decodeTemperatureCode("0AH", 17.0).orElseThrow());
    assertEquals("0AH", Type1DataMapper.temperatureCode(22.0, 17.0));
    assertEquals("10H", Type1DataMapper.temperatureCode(22.0, 14.0));
    assertTrue(Type1DataMapper.decodeTemperatureCode("20H", 17.0).isEmpty(), "beyond 30 °C");
  }

  @Test
  @DisplayName("every Brazilian sign-in step is its own clear AUTH_FAILED message")
  void brazilSteps() {
    Set<String> messages = new HashSet<>();
    for (int step : new int[] {0, 3, 4, 5, 6, 7, 9, 10, 11}) {
      ApiException failure = refused(() -> Type1Login.codeOf(answer("{\"step\":" + step + "}")));
      assertEquals(ApiException.Kind.AUTH_FAILED, failure.kind());
      assertEquals(BrazilSteps.message(step), failure.getMessage());
      messages.add(failure.getMessage());
    }
    assertEquals(9, messages.size());
    assertEquals(BrazilSteps.message(7), BrazilSteps.message(12));
    assertEquals("abc", Type1Login.codeOf(answer("{\"redirectUrl\":\"https://x/redirect?code=abc&state=ccsp\"}")));
    assertEquals(Type1Login.WRONG_CREDENTIALS, refused(() -> Type1Login.codeOf(answer("{\"errCode\":\"4003\"}")))
        .getMessage());
  }

  private static UpstreamResponse answer(String json) {
    return new UpstreamResponse(200, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(json));
  }

  private static ApiException refused(Executable call) {
    return org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, call);
  }
}
