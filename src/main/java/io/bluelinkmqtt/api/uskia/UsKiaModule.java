package io.bluelinkmqtt.api.uskia;

import io.bluelinkmqtt.api.CloudModule;
import io.bluelinkmqtt.api.CloudSetup;
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
 * USA, Kia: the Kia Access APIGW for one account. Its one base URL ({@code api.endpoints.usa.apigw}, variable
 * {@code BLUELINK_KIA_US_URL}) defaults to {@value UsKiaProfile#DEFAULT_BASE}.
 */
public final class UsKiaModule implements CloudModule {

  /** The name of the overridable base URL under {@code api.endpoints.usa}. */
  public static final String APIGW = "apigw";

  public static final RegionSupport SUPPORT = new RegionSupport(Region.USA, EnumSet.of(Brand.KIA),
      List.of(new EndpointSetting(APIGW, "BLUELINK_KIA_US_URL")));

  private static final Logger LOG = LoggerFactory.getLogger(UsKiaModule.class);
  private static final int AUTH_POOL = 2;
  private static final int DATA_POOL = 4;

  @Override
  public RegionSupport support() {
    return SUPPORT;
  }

  @Override
  public int maxCallsPerForce() {
    return UsKiaVehicleClient.MAX_CALLS_PER_FORCE;
  }

  @Override
  public JsonObject checkEnvelope(UpstreamResponse response, Clock clock) {
    return UsKiaErrors.checkEnvelope(response);
  }

  @Override
  public VehicleCloud connect(CloudSetup setup) {
    String base = setup.baseUrl(APIGW, UsKiaProfile.DEFAULT_BASE);
    String username = setup.account().username();
    UsKiaLogin login = new UsKiaLogin(setup.http(AUTH_POOL), setup.caller(), base, setup.clock());
    UsKiaSessionStore store = new UsKiaSessionStore(setup.worker(), setup.api().stateDir(), username);
    UsKiaSessions sessions = new UsKiaSessions(login, store, setup.otp(), username, setup.account().password(),
        setup.clock(), setup.api().login().baseMs(), setup.api().login().capMs());
    LOG.info("car cloud client ready: USA Kia, host {}", Urls.redact(base));
    return new UsKiaVehicleClient(setup.http(DATA_POOL), setup.caller(), sessions, base, setup.naming(),
        setup.clock());
  }
}
