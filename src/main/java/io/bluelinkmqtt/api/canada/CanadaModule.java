package io.bluelinkmqtt.api.canada;

import io.bluelinkmqtt.api.CloudModule;
import io.bluelinkmqtt.api.CloudSetup;
import io.bluelinkmqtt.api.OneTimeCodes;
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
 * Canada (Kia, Hyundai, Genesis): the TODS portal API for one account. Its one base URL
 * ({@code api.endpoints.canada.tods}, {@code BLUELINK_CA_URL}) defaults to the brand's host + {@code /tods/api}.
 */
public final class CanadaModule implements CloudModule {

  /** The name of the overridable base URL. */
  public static final String TODS = "tods";

  /** What the configuration accepts for Canada. */
  public static final RegionSupport SUPPORT = new RegionSupport(Region.CANADA, EnumSet.allOf(Brand.class),
      List.of(new EndpointSetting(TODS, "BLUELINK_CA_URL")));

  private static final Logger LOG = LoggerFactory.getLogger(CanadaModule.class);
  private static final int AUTH_POOL = 2;
  private static final int DATA_POOL = 4;

  @Override
  public RegionSupport support() {
    return SUPPORT;
  }

  @Override
  public int maxCallsPerForce() {
    return CaVehicleClient.MAX_CALLS_PER_FORCE;
  }

  @Override
  public JsonObject checkEnvelope(UpstreamResponse response, Clock clock) {
    return CaErrors.checkEnvelope(response, clock);
  }

  @Override
  public VehicleCloud connect(CloudSetup setup) {
    return connect(setup, codes(setup));
  }

  /** The cloud for one account, asking the owner for one-time codes through {@code codes}. */
  static CaVehicleClient connect(CloudSetup setup, OneTimeCodes codes) {
    CaBrandProfile profile = CaBrandProfile.of(setup.account().brand());
    String base = setup.baseUrl(TODS, profile.apiBase());
    CaTransport auth = new CaTransport(setup.http(AUTH_POOL), setup.caller(), profile, base, setup.clock());
    CaTransport data = new CaTransport(setup.http(DATA_POOL), setup.caller(), profile, base, setup.clock());
    CaSessionStore store = new CaSessionStore(setup.worker(), setup.api().stateDir(), setup.account().username());
    CaSessionManager sessions = new CaSessionManager(new CaLogin(auth, setup.clock()), store, codes,
        setup.account().username(), setup.account().password(), setup.clock(), setup.api().login().baseMs(),
        setup.api().login().capMs());
    LOG.info("car cloud client ready: Canada, brand {}, base {}", setup.account().brand(), Urls.redact(base));
    return new CaVehicleClient(data, sessions, setup.naming(), setup.account().pin());
  }

  /** The owner's one-time-code dialogue, where the bridge wires one. */
  static OneTimeCodes codes(CloudSetup setup) {
    return setup.otp() == null ? OneTimeCodes.UNAVAILABLE : setup.otp();
  }
}
