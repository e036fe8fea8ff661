package io.bluelinkmqtt.api.ushyundai;

import io.bluelinkmqtt.api.CloudModule;
import io.bluelinkmqtt.api.CloudSetup;
import io.bluelinkmqtt.api.UpstreamHttp;
import io.bluelinkmqtt.api.UpstreamResponse;
import io.bluelinkmqtt.api.VehicleCloud;
import io.bluelinkmqtt.config.RegionSupport;
import io.bluelinkmqtt.config.RegionSupport.EndpointSetting;
import io.bluelinkmqtt.config.Urls;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USA, Hyundai and Genesis: the HATA Bluelink API for one account. Its one base URL ({@code api.endpoints.usa.hata},
 * variable {@code BLUELINK_HATA_URL}) defaults to {@value UsHyundaiProfile#DEFAULT_BASE}.
 */
public final class UsHyundaiModule implements CloudModule {

  /** The name of the overridable base URL under {@code api.endpoints.usa}. */
  public static final String HATA = "hata";

  /** What the configuration accepts for the USA Hyundai cloud (US Kia is a module of its own). */
  public static final RegionSupport SUPPORT = new RegionSupport(Region.USA, EnumSet.of(Brand.HYUNDAI, Brand.GENESIS),
      List.of(new EndpointSetting(HATA, "BLUELINK_HATA_URL")));

  private static final Logger LOG = LoggerFactory.getLogger(UsHyundaiModule.class);
  /** One pool for the login and the vehicle calls: they share one host, and each pool would register its metrics. */
  private static final int POOL = 4;

  @Override
  public RegionSupport support() {
    return SUPPORT;
  }

  @Override
  public int maxCallsPerForce() {
    return UsVehicleClient.MAX_CALLS_PER_FORCE;
  }

  @Override
  public JsonObject checkEnvelope(UpstreamResponse response, Clock clock) {
    return UsHyundaiErrors.checkEnvelope(response, clock);
  }

  @Override
  public VehicleCloud connect(CloudSetup setup) {
    String base = setup.baseUrl(HATA, UsHyundaiProfile.DEFAULT_BASE);
    String username = setup.account().username();
    UpstreamHttp http = setup.http(POOL);
    UsLogin login = new UsLogin(http, setup.caller(), base, setup.clock());
    UsSessionStore store = new UsSessionStore(setup.worker(), setup.api().stateDir(), username);
    UsSessionManager sessions = new UsSessionManager(login, store, username, setup.account().password(), setup.clock(),
        setup.api().login().baseMs(), setup.api().login().capMs());
    if (setup.account().pin().isEmpty()) {
      LOG.warn("no PIN configured: the USA Hyundai cloud refuses every call without it (set HYUNDAI_PIN)");
    }
    LOG.info("car cloud client ready: USA {}, host {}", setup.account().brand(), Urls.redact(base));
    return new UsVehicleClient(http, setup.caller(), sessions, base, setup.naming(), setup.clock(),
        username, setup.account().pin());
  }
}
