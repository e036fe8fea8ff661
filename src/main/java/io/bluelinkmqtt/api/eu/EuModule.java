package io.bluelinkmqtt.api.eu;

import io.bluelinkmqtt.api.CloudModule;
import io.bluelinkmqtt.api.CloudSetup;
import io.bluelinkmqtt.api.UpstreamResponse;
import io.bluelinkmqtt.api.VehicleCloud;
import io.bluelinkmqtt.config.RegionSupport;
import io.bluelinkmqtt.config.RegionSupport.EndpointSetting;
import io.bluelinkmqtt.config.Urls;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Europe (Hyundai, Kia, Genesis): the CCAPI vehicle calls and the CCI/OneApp login, for one account. Its
 * three base URLs ({@code api.endpoints.europe.ccapi|idp|cci}) default to the brand's hosts ({@link EuBrandProfile}).
 */
public final class EuModule implements CloudModule {

  /** What the configuration accepts for Europe. */
  public static final RegionSupport SUPPORT = new RegionSupport(Region.EUROPE, EnumSet.allOf(Brand.class), List.of(
      new EndpointSetting(EuEndpoints.CCAPI, "BLUELINK_CCAPI_URL"),
      new EndpointSetting(EuEndpoints.IDP, "BLUELINK_IDP_URL"),
      new EndpointSetting(EuEndpoints.CCI, "BLUELINK_CCI_URL")));

  private static final Logger LOG = LoggerFactory.getLogger(EuModule.class);
  /** HTTP connections of the login (few, rare) and of the vehicle calls. */
  private static final int AUTH_POOL = 4;
  private static final int DATA_POOL = 8;

  @Override
  public RegionSupport support() {
    return SUPPORT;
  }

  @Override
  public int maxCallsPerForce() {
    return EuVehicleClient.MAX_CALLS_PER_FORCE;
  }

  @Override
  public JsonObject checkEnvelope(UpstreamResponse response, Clock clock) {
    return EuErrors.checkEnvelope(response, clock);
  }

  @Override
  public VehicleCloud connect(CloudSetup setup) {
    EuBrandProfile profile = EuBrandProfile.of(setup.account().brand());
    EuEndpoints endpoints = EuEndpoints.resolve(setup.api().endpoints(), profile);
    EuLogin login = new EuLogin(setup.http(AUTH_POOL), setup.caller(), setup.worker(), profile, endpoints,
        setup.clock());
    TokenStore store = new TokenStore(setup.worker(), setup.api().stateDir(), setup.account().username());
    TokenManager tokens = new TokenManager(login, store, setup.account().username(), setup.account().password(),
        setup.clock(), setup.api().login().baseMs(), setup.api().login().capMs());
    EuVehicleClient client = new EuVehicleClient(setup.vertx(), setup.http(DATA_POOL), setup.caller(), tokens,
        profile, endpoints, setup.naming(), setup.clock(), setup.api().refresh().ccs2PollIntervalMs(),
        setup.api().refresh().forceDeadlineMs());
    LOG.info("car cloud client ready: brand {}, ccapi {}", setup.account().brand(), Urls.redact(endpoints.ccapi()));
    return client;
  }

  @Override
  public Future<Void> close() {
    // the HTTP clients go with the Vert.x instance; the token file is written as each renewal happens
    return Future.succeededFuture();
  }
}
