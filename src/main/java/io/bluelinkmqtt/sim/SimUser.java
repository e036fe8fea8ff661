package io.bluelinkmqtt.sim;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/**
 * Account-level CCAPI endpoints: device registration (§1.2), PIN → control token (§2.1.6), the
 * best-effort language and legacy authorize steps (§2.1.2).
 */
final class SimUser {

  /** Control tokens live 10 minutes. */
  static final int CONTROL_TOKEN_SECONDS = 600;
  private static final Set<String> LANGUAGES = Set.of("en", "de", "fr", "it", "es", "sv", "nl", "no", "cs", "sk",
      "hu", "da", "pl", "fi", "pt");

  private final CcapiGate gate;
  private final TokenRegistry tokens;
  private final String pin;
  private final Clock clock;

  SimUser(CcapiGate gate, TokenRegistry tokens, SimulatorSettings settings) {
    this.gate = gate;
    this.tokens = tokens;
    this.pin = settings.pin();
    this.clock = settings.clock();
  }

  /** No Authorization needed, only the app headers and a fresh Stamp. */
  void register(RoutingContext ctx) {
    if (!gate.admitApp(ctx)) {
      return;
    }
    JsonObject body = SimVehicles.jsonBody(ctx);
    if (body == null || body.getString("pushRegId") == null || body.getString("uuid") == null
        || body.getString("pushType") == null) {
      SimResponses.json(ctx, 400, SimResponses.failure("4003", "Invalid request body - Invalid values."));
      return;
    }
    SimResponses.json(ctx, 200, SimResponses.success(new JsonObject().put("deviceId", tokens.registerDevice())));
  }

  /** A wrong PIN or unknown device yields no {@code controlToken}. */
  void pin(RoutingContext ctx) {
    if (!gate.admitToken(ctx)) {
      return;
    }
    JsonObject body = SimVehicles.jsonBody(ctx);
    if (body == null || !tokens.knownDevice(body.getString("deviceId")) || !pin.equals(body.getString("pin"))) {
      SimResponses.json(ctx, 400, SimResponses.failure("4003", "PIN verification failed"));
      return;
    }
    SimResponses.json(ctx, 200, new JsonObject().put("controlToken", tokens.issueControlToken(clock.instant()))
        .put("expiresTime", CONTROL_TOKEN_SECONDS));
  }

  void language(RoutingContext ctx) {
    JsonObject body = SimVehicles.jsonBody(ctx);
    if (body == null || !LANGUAGES.contains(body.getString("lang"))) {
      SimResponses.json(ctx, 400, SimResponses.failure("4003", "Invalid request body - Invalid lang."));
      return;
    }
    SimResponses.json(ctx, 200, new JsonObject().put("retCode", "S").put("resCode", "0000")
        .put("msgId", UUID.randomUUID().toString()));
  }

  /** Only sets a session cookie; the modern login does not depend on it. */
  void legacyAuthorize(RoutingContext ctx) {
    ctx.response().putHeader("Set-Cookie", "account=" + UUID.randomUUID() + "; Path=/; HttpOnly");
    SimResponses.html(ctx, 200, "<html><body>OK</body></html>");
  }
}
