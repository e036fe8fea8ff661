package io.bluelinkmqtt.api;

import io.bluelinkmqtt.config.RegionSupport;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * One region's car cloud (Europe today; the US, Canada, … next), behind which the neutral layer
 * ({@link RefreshService}, {@link ResilientCaller}, the budget and wake rules) serves every region the same.
 * A module is created per account by the registry ({@code io.bluelinkmqtt.cloud.CloudModules}); everything
 * region-specific (protocol, hosts, error envelopes, what it keeps of a car in {@code Vehicle.moduleData}) stays
 * inside its package.
 */
public interface CloudModule {

  /** The region and brands it serves and the base URLs a user may override; the configuration reads this. */
  RegionSupport support();

  /**
   * The most upstream calls one forced refresh can make (the wake and every follow-up read); the budget must
   * hold this many before a car is woken.
   */
  int maxCallsPerForce();

  /**
   * Classifies one of this region's responses.
   *
   * @return the JSON body of a response that reports success
   * @throws ApiException the failure its envelope or status reports
   */
  JsonObject checkEnvelope(UpstreamResponse response, Clock clock);

  /**
   * Builds the cloud for one account. Called once, on the API verticle's context, before any call; what it opens
   * is the module's until {@link #close()}.
   */
  VehicleCloud connect(CloudSetup setup);

  /**
   * Releases what {@link #connect} opened; by default nothing: the HTTP clients go with the Vert.x instance and the
   * session files are written as each renewal happens.
   */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
