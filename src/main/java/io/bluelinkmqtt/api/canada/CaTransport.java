package io.bluelinkmqtt.api.canada;

import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.ResilientCaller;
import io.bluelinkmqtt.api.ResilientCaller.Concern;
import io.bluelinkmqtt.api.UpstreamHttp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Map;

/**
 * One TODS call (§1.3): {@code POST <base>/<path>} with the portal's headers and the stable {@code Deviceid}, through
 * the {@link ResilientCaller}, answered by {@link CaErrors}. Every Canadian call is a POST.
 */
final class CaTransport {

  /** A successful answer: the JSON body and the response headers (actions carry their id in {@code transactionId}). */
  record Answer(JsonObject body, MultiMap headers) {

    JsonObject result() {
      return body.getValue("result") instanceof JsonObject result ? result : new JsonObject();
    }
  }

  private final UpstreamHttp http;
  private final ResilientCaller caller;
  private final CaBrandProfile profile;
  private final String base;
  private final Clock clock;

  CaTransport(UpstreamHttp http, ResilientCaller caller, CaBrandProfile profile, String base, Clock clock) {
    this.http = http;
    this.caller = caller;
    this.profile = profile;
    this.base = base;
    this.clock = clock;
  }

  /**
   * Sends one call.
   *
   * @param extra the call's own headers ({@code accessToken}, {@code vehicleId}, {@code pAuth}, …)
   * @param body the JSON body, or null for none
   * @param beforeSend run when the request is actually sent (a wake), or null
   */
  Future<Answer> post(Concern concern, CallKind kind, CallContext context, String path, String deviceId,
                      Map<String, String> extra, JsonObject body, Runnable beforeSend) {
    // logins are never repeated (each one may ask for a code) and wakes are sent once
    boolean retry = concern == Concern.DATA && !kind.wakesCar();
    return caller.call(concern, kind, context, retry, () -> {
      if (beforeSend != null) {
        beforeSend.run();
      }
      MultiMap headers = headers(deviceId, path, body != null);
      extra.forEach(headers::set);
      return http.send(HttpMethod.POST, base + "/" + path, headers, body == null ? null : body.toBuffer())
          .map(response -> new Answer(CaErrors.checkEnvelope(response, clock), response.headers()));
    });
  }

  private MultiMap headers(String deviceId, String path, boolean json) {
    boolean remote = path.startsWith("evc/") || path.startsWith("rmt") || path.startsWith("drl") || path.equals("drulck")
        || path.equals("hornlight");
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("client_id", CaBrandProfile.CLIENT_ID)
        .add("client_secret", CaBrandProfile.CLIENT_SECRET)
        .add("from", CaBrandProfile.FROM)
        .add("language", CaBrandProfile.LANGUAGE)
        .add("offset", CaBrandProfile.OFFSET)
        .add("Deviceid", deviceId)
        .add("Origin", profile.origin())
        .add("Referer", profile.origin() + (remote ? "/remote/" : "/login"))
        .add("Accept", "application/json, text/plain, */*")
        .add("Accept-Language", "en-CA,en;q=0.9")
        .add("Sec-Fetch-Mode", "cors")
        .add("Sec-Fetch-Site", "same-origin")
        .add("User-Agent", CaBrandProfile.USER_AGENT);
    if (json) {
      headers.add("Content-Type", "application/json;charset=UTF-8");
    }
    return headers;
  }
}
