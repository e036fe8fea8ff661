package io.bluelinkmqtt.api.type1;

import io.bluelinkmqtt.api.type1.Type1Profile.ClimateRoute;
import io.bluelinkmqtt.api.type1.Type1Profile.LoginSteps;
import io.bluelinkmqtt.api.type1.Type1Profile.StampRule;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.Region;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The Type 1 regions and brands outside Europe, one line each (bluelink-protocol.md §1.3). A pair without a line is
 * not served (Hyundai New Zealand, Kia Brazil, Genesis outside Europe and the USA).
 */
public final class Type1Profiles {

  private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  /** Brazil: UTC−3 all year (no daylight saving since 2019). */
  private static final ZoneId BRASILIA = ZoneOffset.ofHours(-3);
  /**
   * AU/NZ: the EU table of §6.1 (the only AU note there is the 17 °C set-point table, and the 2025 rework put AU on
   * the shared Type 1 code, §11), the charge port door with the device id in its body.
   */
  private static final Set<CommandName> AUSTRALIA_ACTIONS = EnumSet.of(CommandName.LOCK, CommandName.CLIMATE,
      CommandName.CHARGE, CommandName.CHARGE_LIMITS, CommandName.CHARGING_CURRENT, CommandName.CHARGE_PORT,
      CommandName.WINDOWS, CommandName.HAZARD, CommandName.HORN_LIGHTS);
  /** CN: §6.1 notes only its climate route and "lock & charge like EU legacy". */
  private static final Set<CommandName> CHINA_ACTIONS =
      EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.CHARGE);
  /** IN: as China, plus the charge port door ({@code deviceID} in its body, §6.1). */
  private static final Set<CommandName> INDIA_ACTIONS =
      EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.CHARGE, CommandName.CHARGE_PORT);
  /** BR (§6.6): door, engine, all windows at once and the hazard lights; no charge commands. */
  private static final Set<CommandName> BRAZIL_ACTIONS =
      EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.WINDOWS, CommandName.HAZARD);
  private static final String EU_HYUNDAI_CFB = "RFtoRq/vDXJmRndoZaZQyfOot7OrIqGVFj96iY2WL3yyH5Z/pUvlUhqmCxD2t+D65SQ=";

  private Type1Profiles() {
  }

  /** The profile of a region and brand, if the family serves the pair. */
  public static Optional<Type1Profile> of(Region region, Brand brand) {
    return Optional.ofNullable(switch (region) {
      case AUSTRALIA -> switch (brand) {
        case KIA -> australia(brand, "https://au-apigw.ccs.kia.com.au:8082", "8acb778a-b918-4a8d-8624-73a0beb64289",
            "7ScMMm6fEYXdiEPCxaPaQmgeYdlUrfwoh4AfXGOzYIS2Cu9T", "4ad4dcde-be23-48a8-bc1c-91b94f5c06f8",
            "SGGCDRvrzmRa2WTNFQPUaNfSFdtPklZ48xUuVckigYasxmeOQqVgCAC++YNrI1vVabI=", Region.AUSTRALIA);
        case HYUNDAI -> australia(brand, "https://au-apigw.ccs.hyundai.com.au:8080",
            "855c72df-dfd7-4230-ab03-67cbf902bb1c", "e6fbwHM32YNbhQl0pviaPp3rf4t3S6k91eceA3MJLdbdThCO",
            "f9ccfdac-a48d-4c57-bd32-9116963c24ed",
            "nGDHng3k4Cg9gWV+C+A6Yk/ecDopUNTkGmDpr2qVKAQXx9bvY2/YLoHPfObliK32mZQ=", Region.AUSTRALIA);
        case GENESIS -> null;
      };
      case NEW_ZEALAND -> brand != Brand.KIA ? null : australia(brand, "https://au-apigw.ccs.kia.com.au:8082",
          "4ab606a7-cea4-48a0-a216-ed9c14a4a38c", "0haFqXTkKktNKfzkxhZ0aku31i74g0yQFm5od2mz4LdI5mLY",
          "97745337-cac6-4a5b-afc3-e65ace81c994",
          "SGGCDRvrzmRa2WTNFQPUaC1OsnAhQgPgcQETEfbY8abEjR/ICXK0p+Rayw5tHCGyiUA=", Region.NEW_ZEALAND);
      case CHINA -> switch (brand) {
        case KIA -> china(brand, "https://prd.cn-ccapi.kia.com:443", "9d5df92a-06ae-435f-b459-8304f2efcc67",
            "tsXdkUg08Av2ZZzXOgWzJyxUT6yeSnNNQkXXPRdKWEANwl1p", "eea8762c-adfc-4ee4-8d7a-6e2452ddf342");
        case HYUNDAI -> china(brand, "https://prd.cn-ccapi.hyundai.com:443", "72b3d019-5bc7-443d-a437-08f307cf06e2",
            "secret", "ed01581a-380f-48cd-83d4-ed1490c272d0");
        case GENESIS -> null;
      };
      case INDIA -> switch (brand) {
        case HYUNDAI -> india(brand, "https://prd.in-ccapi.hyundai.connected-car.io:8080",
            "e5b3f6d0-7f83-43c9-aff3-a254db7af368", "5JFOCr6C24OfOzlDqZp7EwqrkL0Ww04UaxcDiE6Ud3qI5SE4",
            "5a27df80-4ca1-4154-8c09-6f4029d91cf7", EU_HYUNDAI_CFB, "GCM");
        case KIA -> india(brand, "https://prd.in-ccapi.kia.connected-car.io:8080",
            "d0fe4855-7527-4be0-ab6e-a481216c705d", "SHoTtXpyfbYmP3XjNA6BrtlDglypPWj920PtKBJPfleHEYpU",
            "00000000-69cd-4660-b75d-277ae15379dd",
            "pdfn/jCrrEcxH6Jnak/1O/DaD+HjVh0P6z/BHWNoUKQtT0aLcYwer8BxQOoiHXSyMtBV", "APNS");
        case GENESIS -> null;
      };
      case BRAZIL -> brand != Brand.HYUNDAI ? null : new Type1Profile(Region.BRAZIL, brand,
          "https://br-ccapi.hyundai.com.br", "03f7df9b-7626-4853-b7bd-ad1e8d722bd5",
          "yQz2bc6Cn8OovVOR7RDWwxTqVwWG3yKBYFDg0HsOXsyxyPlH", "513a491a-0d7c-4d6a-ac03-a2df127d73b0", null,
          StampRule.NONE, "GCM", BRASILIA, 14.0, LoginSteps.BRAZIL, "c6e5815b-3057-4e5e-95d5-e3d5d1d2093e",
          ClimateRoute.BRAZIL_ENGINE, BRAZIL_ACTIONS, null);
      default -> null;
    });
  }

  /** The brands the family serves in a region. */
  public static Set<Brand> brands(Region region) {
    Set<Brand> brands = EnumSet.noneOf(Brand.class);
    for (Brand brand : Brand.values()) {
      of(region, brand).ifPresent(p -> brands.add(brand));
    }
    return brands;
  }

  /** The profile of a pair the configuration accepted. */
  public static Type1Profile require(Region region, Brand brand) {
    return of(region, brand).orElseThrow(() -> new IllegalArgumentException("no Type 1 profile for " + region
        + " / " + brand));
  }

  private static Type1Profile australia(Brand brand, String host, String serviceId, String secret, String appId,
                                        String cfb, Region region) {
    // AU/NZ: Stamp on every call; the set-point table starts at 17 °C; the cars are right-hand drive
    return new Type1Profile(region, brand, host, serviceId, secret, appId, cfb, StampRule.EVERY_CALL, "GCM", SYDNEY,
        17.0, LoginSteps.STANDARD, null, ClimateRoute.TEMPERATURE, AUSTRALIA_ACTIONS, null);
  }

  private static Type1Profile china(Brand brand, String host, String serviceId, String secret, String appId) {
    return new Type1Profile(Region.CHINA, brand, host, serviceId, secret, appId, null, StampRule.NONE, "GCM",
        SHANGHAI, 14.0, LoginSteps.CHINA, null, ClimateRoute.ENGINE, CHINA_ACTIONS, "zh");
  }

  private static Type1Profile india(Brand brand, String host, String serviceId, String secret, String appId,
                                    String cfb, String pushType) {
    return new Type1Profile(Region.INDIA, brand, host, serviceId, secret, appId, cfb, StampRule.LOGIN_ONLY, pushType,
        KOLKATA, 14.0, LoginSteps.STANDARD, null, ClimateRoute.ENGINE, INDIA_ACTIONS, null);
  }
}
