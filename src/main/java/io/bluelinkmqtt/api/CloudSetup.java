package io.bluelinkmqtt.api;

import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.ApiConfig;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Clock;

/**
 * What a {@link CloudModule} builds its cloud from: the region-neutral pieces every module shares.
 *
 * @param caller every upstream call goes through it (breakers, retries, budget)
 * @param worker the pool for blocking work (token files, RSA)
 * @param clockSkew fed by every response's Date header
 * @param naming turns the cars the cloud lists into the cars the bridge serves
 * @param otp asks the owner for a one-time code when a login needs one (bridge/otp)
 */
public record CloudSetup(Vertx vertx, AccountConfig account, ApiConfig api, Clock clock, ResilientCaller caller,
                         WorkerExecutor worker, ClockSkew clockSkew, VehicleNaming naming, OneTimeCodes otp) {

  /** One HTTP client per concern (auth, data): a pool of its own, with a bounded wait queue (the bulkhead). */
  public UpstreamHttp http(int poolSize) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions()
            .setConnectTimeout((int) api.http().connectTimeoutMs())
            .setDecompressionSupported(true)
            .setKeepAliveTimeout(30),
        new PoolOptions().setHttp1MaxSize(poolSize).setMaxWaitQueueSize(32));
    return new UpstreamHttp(vertx, client, api.http().requestDeadlineMs(), api.http().idleTimeoutMs(),
        api.http().connectTimeoutMs(), api.http().maxResponseBytes(), clockSkew);
  }

  /**
   * The module's base URL {@code endpoint}: the user's override, trimmed, or else {@code defaultUrl}; without a
   * trailing slash, as the module appends its paths.
   */
  public String baseUrl(String endpoint, String defaultUrl) {
    return trimmedBase(api.endpoints().url(endpoint), defaultUrl);
  }

  static String trimmedBase(String override, String defaultUrl) {
    String url = override == null || override.isBlank() ? defaultUrl : override.trim();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
