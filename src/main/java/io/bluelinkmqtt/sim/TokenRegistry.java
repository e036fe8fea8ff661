package io.bluelinkmqtt.sim;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Everything the fake account has issued: device ids, one-time login codes, CCI token sets, CCS
 * tokens, control tokens and the legacy 48-character refresh token. Thread-safe (tests expire tokens
 * while the server runs).
 */
final class TokenRegistry {

  /** Validity of a CCS bearer token at a given instant. */
  enum TokenState { VALID, EXPIRED, UNKNOWN }

  /** The seven-token set the CCI login returns (§2.1.3 C4). */
  record CciTokenSet(String accessToken, String refreshToken, String exchangeableAccessToken,
                     String exchangeableRefreshToken, String nonCcsToken, String nonCcsRefreshToken,
                     String idToken) {

    JsonObject toJson(long expiresInSeconds) {
      return new JsonObject().put("accessToken", accessToken).put("refreshToken", refreshToken)
          .put("exchangeableAccessToken", exchangeableAccessToken)
          .put("exchangeableRefreshToken", exchangeableRefreshToken).put("nonCcsToken", nonCcsToken)
          .put("nonCcsRefreshToken", nonCcsRefreshToken).put("idToken", idToken).put("tokenType", "Bearer")
          .put("expiresIn", expiresInSeconds);
    }

    boolean sameAs(JsonObject body) {
      return accessToken.equals(body.getString("accessToken")) && refreshToken.equals(body.getString("refreshToken"))
          && exchangeableAccessToken.equals(body.getString("exchangeableAccessToken"))
          && exchangeableRefreshToken.equals(body.getString("exchangeableRefreshToken"))
          && nonCcsToken.equals(body.getString("nonCcsToken"))
          && nonCcsRefreshToken.equals(body.getString("nonCcsRefreshToken"))
          && idToken.equals(body.getString("idToken"));
    }
  }

  private record Issued(Instant at, int generation) {
  }

  private static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
  private static final char[] LEGACY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

  private final SecureRandom random = new SecureRandom();
  private final String userId = UUID.randomUUID().toString();
  private final String legacyRefreshToken;
  private final Set<String> deviceIds = new HashSet<>();
  private final Map<String, Instant> codes = new HashMap<>();
  private final List<CciTokenSet> cciSets = new ArrayList<>();
  private final Map<String, Issued> ccsTokens = new HashMap<>();
  private final Map<String, Instant> controlTokens = new HashMap<>();
  private String lastControlToken;
  private int generation;

  TokenRegistry() {
    StringBuilder token = new StringBuilder();
    for (int i = 0; i < 48; i++) {
      token.append(LEGACY_ALPHABET[random.nextInt(LEGACY_ALPHABET.length)]);
    }
    legacyRefreshToken = token.toString();
  }

  String userId() {
    return userId;
  }

  String legacyRefreshToken() {
    return legacyRefreshToken;
  }

  synchronized String registerDevice() {
    String id = UUID.randomUUID().toString();
    deviceIds.add(id);
    return id;
  }

  synchronized java.util.Set<String> devices() {
    return java.util.Set.copyOf(deviceIds);
  }

  synchronized boolean knownDevice(String deviceId) {
    return deviceId != null && deviceIds.contains(deviceId);
  }

  /** Forgets every device id (the server dropped them, §1.2 resCode 4002). */
  synchronized void forgetDevices() {
    deviceIds.clear();
  }

  synchronized String issueCode(Instant now) {
    String code = randomToken(32);
    codes.put(code, now);
    return code;
  }

  /** A code works once and only for a few minutes. */
  synchronized boolean redeemCode(String code, Instant now) {
    Instant issued = code == null ? null : codes.remove(code);
    return issued != null && !now.isAfter(issued.plus(CODE_LIFETIME));
  }

  synchronized CciTokenSet issueCciSet() {
    CciTokenSet set = new CciTokenSet(jwt("cci"), randomToken(64), jwt("exchangeable"), randomToken(64),
        jwt("nonccs"), randomToken(64), jwt("id"));
    cciSets.add(set);
    return set;
  }

  /** The set the four exchange headers belong to, if they all belong to the same one. */
  synchronized Optional<CciTokenSet> findForExchange(String bearer, String authentication, String exchangeable,
                                                     String nonCcs) {
    return cciSets.stream()
        .filter(s -> s.accessToken().equals(bearer) && s.nonCcsToken().equals(authentication)
            && s.exchangeableAccessToken().equals(exchangeable) && s.nonCcsToken().equals(nonCcs))
        .findFirst();
  }

  /** Replaces the set the seven body fields describe with a fresh one. */
  synchronized Optional<CciTokenSet> refresh(JsonObject body) {
    Optional<CciTokenSet> old = cciSets.stream().filter(s -> s.sameAs(body)).findFirst();
    old.ifPresent(cciSets::remove);
    return old.map(s -> issueCciSet());
  }

  synchronized String issueCcsToken(Instant now) {
    String token = jwt("ccs");
    ccsTokens.put(token, new Issued(now, generation));
    return token;
  }

  synchronized TokenState ccsTokenState(String token, Instant now, Duration lifetime) {
    Issued issued = token == null ? null : ccsTokens.get(token);
    if (issued == null) {
      return TokenState.UNKNOWN;
    }
    boolean expired = issued.generation() != generation || !now.isBefore(issued.at().plus(lifetime));
    return expired ? TokenState.EXPIRED : TokenState.VALID;
  }

  /** Every CCS token issued so far is expired from now on. */
  synchronized void expireAll() {
    generation++;
  }

  /** Every control token issued so far is refused from now on (as if its {@code expiresTime} had passed). */
  synchronized void expireControlTokens() {
    controlTokens.clear();
  }

  /** True for a control token this registry issued less than {@code lifetime} ago. */
  synchronized boolean validControlToken(String token, Instant now, java.time.Duration lifetime) {
    Instant issued = token == null ? null : controlTokens.get(token);
    return issued != null && now.isBefore(issued.plus(lifetime));
  }

  /** The newest control token issued, for tests that check the control headers; null when none. */
  synchronized String lastControlToken() {
    return lastControlToken;
  }

  synchronized String issueControlToken(Instant now) {
    String token = randomToken(40);
    controlTokens.put(token, now);
    lastControlToken = token;
    return token;
  }

  /** A JWT-shaped token ({@code header.payload.signature}) carrying the account's {@code uid}. */
  private String jwt(String purpose) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    JsonObject claims = new JsonObject().put("uid", userId).put("sub", purpose).put("jti", randomToken(12));
    String payload = b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + "." + randomToken(43);
  }

  private String randomToken(int bytes) {
    byte[] raw = new byte[bytes];
    random.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
