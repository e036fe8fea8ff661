package io.bluelinkmqtt.api.type1;

import io.bluelinkmqtt.api.CloudModule;
import io.bluelinkmqtt.api.CloudSetup;
import io.bluelinkmqtt.api.UpstreamResponse;
import io.bluelinkmqtt.api.VehicleCloud;
import io.bluelinkmqtt.api.eu.EuErrors;
import io.bluelinkmqtt.api.eu.TokenManager;
import io.bluelinkmqtt.api.eu.TokenStore;
import io.bluelinkmqtt.config.RegionSupport;
import io.bluelinkmqtt.config.RegionSupport.EndpointSetting;
import io.bluelinkmqtt.config.Urls;
import io.bluelinkmqtt.domain.Region;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One region of the Type 1 family outside Europe (Australia, New Zealand, China, India, Brazil), for one account.
 * The region's one host ({@code api.endpoints.<region>.ccapi}, {@code BLUELINK_<AU|NZ|CN|IN|BR>_CCAPI_URL}) defaults to the brand's
 * ({@link Type1Profiles}); the session is kept like Europe's ({@link TokenManager}, {@link TokenStore} in the state
 * dir), its login is {@link Type1Login}; the envelope is the shared CCAPI one ({@link EuErrors}: 5091 is the daily
 * limit everywhere in the family).
 */
public final class Type1Module implements CloudModule {

  /** The name of the one overridable base URL. */
  public static final String CCAPI = "ccapi";

  private static final Logger LOG = LoggerFactory.getLogger(Type1Module.class);
  private static final int AUTH_POOL = 2;
  private static final int DATA_POOL = 4;

  private final RegionSupport support;

  public Type1Module(Region region) {
    this.support = support(region);
  }

  /** What the configuration accepts for a Type 1 region. */
  public static RegionSupport support(Region region) {
    return new RegionSupport(region, Type1Profiles.brands(region), List.of(new EndpointSetting(CCAPI, env(region))));
  }

  /** The region's own variable ({@code BLUELINK_AU_CCAPI_URL}, …): one bad URL is reported once, for its region. */
  public static String env(Region region) {
    String code = switch (region) {
      case AUSTRALIA -> "AU";
      case NEW_ZEALAND -> "NZ";
      case CHINA -> "CN";
      case INDIA -> "IN";
      case BRAZIL -> "BR";
      default -> throw new IllegalArgumentException("not a Type 1 region outside Europe: " + region);
    };
    return "BLUELINK_" + code + "_CCAPI_URL";
  }

  @Override
  public RegionSupport support() {
    return support;
  }

  @Override
  public int maxCallsPerForce() {
    return Type1Client.MAX_CALLS_PER_FORCE;
  }

  @Override
  public JsonObject checkEnvelope(UpstreamResponse response, Clock clock) {
    return EuErrors.checkEnvelope(response, clock);
  }

  @Override
  public VehicleCloud connect(CloudSetup setup) {
    Type1Profile profile = Type1Profiles.require(support.region(), setup.account().brand());
    String ccapi = setup.baseUrl(CCAPI, profile.ccapiBase());
    Type1Login login = new Type1Login(setup.http(AUTH_POOL), setup.caller(), profile, ccapi, setup.clock());
    TokenStore store = new TokenStore(setup.worker(), setup.api().stateDir(), setup.account().username());
    TokenManager tokens = new TokenManager(login, store, setup.account().username(), setup.account().password(),
        setup.clock(), setup.api().login().baseMs(), setup.api().login().capMs());
    Type1Client client = new Type1Client(setup.vertx(), setup.http(DATA_POOL), setup.caller(), tokens, profile,
        ccapi, setup.naming(), setup.clock(), setup.api().refresh().ccs2PollIntervalMs(),
        setup.api().refresh().forceDeadlineMs());
    LOG.info("car cloud client ready: {} {}, ccapi {}", profile.region(), profile.brand(), Urls.redact(ccapi));
    return client;
  }
}
