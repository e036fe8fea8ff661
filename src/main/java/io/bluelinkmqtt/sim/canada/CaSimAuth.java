package io.bluelinkmqtt.sim.canada;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The simulator's sign-in state: issued tokens (each bound to its Deviceid), remembered devices (90 days after a
 * {@code genmfatkn} with {@code mfaYn "Y"}), the MFA dialogues and the {@code pAuth} tokens. Thread-safe.
 */
final class CaSimAuth {

  static final Duration REMEMBER = Duration.ofDays(90);
  static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

  /** Why the cloud refuses a token: the §8.5 code it answers. */
  enum Refusal {
    EXPIRED("7403", "Your authentication has expired. Please log in again."),
    DELETED("7602", "Access token deleted."),
    IP_CHANGED("7606", "Access Token IP Validation failed.");

    final String code;
    final String description;

    Refusal(String code, String description) {
      this.code = code;
      this.description = description;
    }
  }

  private record Token(String deviceId, Instant validUntil, Refusal refusal) {
  }

  /** One code sent: for which device, its value, until when. */
  private record Code(String deviceId, String value, Instant validUntil) {
  }

  private final Clock clock;
  /** Made-up codes and tokens need no strength, and the default SecureRandom may block the event loop seeding. */
  private final java.util.Random random = new java.util.Random();
  private final Map<String, Token> tokens = new HashMap<>();
  private final Map<String, Instant> remembered = new HashMap<>();
  private final Map<String, String> dialogues = new HashMap<>();
  private final Map<String, Code> codes = new HashMap<>();
  private final Map<String, String> validations = new HashMap<>();
  private final Map<String, String> pinTokens = new HashMap<>();
  private String lastCode;

  CaSimAuth(Clock clock) {
    this.clock = clock;
  }

  synchronized boolean remembered(String deviceId) {
    Instant until = remembered.get(deviceId);
    return until != null && clock.instant().isBefore(until);
  }

  synchronized void remember(String deviceId) {
    remembered.put(deviceId, clock.instant().plus(REMEMBER));
  }

  synchronized String issueToken(String deviceId, Duration lifetime) {
    String token = randomText(48);
    tokens.put(token, new Token(deviceId, clock.instant().plus(lifetime), null));
    return token;
  }

  /** Empty when the token is good for this device; else why not. */
  synchronized Optional<Refusal> check(String token, String deviceId) {
    Token t = token == null ? null : tokens.get(token);
    if (t == null || !t.deviceId().equals(deviceId) || !clock.instant().isBefore(t.validUntil())) {
      return Optional.of(Refusal.EXPIRED);
    }
    return Optional.ofNullable(t.refusal());
  }

  /** Every token issued so far is refused from now on, with {@code refusal}'s code. */
  synchronized void refuseAll(Refusal refusal) {
    tokens.replaceAll((k, t) -> new Token(t.deviceId(), t.validUntil(), refusal));
  }

  synchronized int tokensIssued() {
    return tokens.size();
  }

  synchronized String openDialogue(String deviceId) {
    String uuid = UUID.randomUUID().toString();
    dialogues.put(uuid, deviceId);
    return uuid;
  }

  /** A new code for the dialogue's device; its {@code otpKey}, or empty for an unknown dialogue. */
  synchronized Optional<String> sendCode(String userInfoUuid, String deviceId) {
    if (!deviceId.equals(dialogues.get(userInfoUuid))) {
      return Optional.empty();
    }
    String value = String.format("%06d", random.nextInt(1_000_000));
    String key = randomText(32);
    codes.put(key, new Code(deviceId, value, clock.instant().plus(CODE_LIFETIME)));
    lastCode = value;
    return Optional.of(key);
  }

  /** The validation key when the code is right and in time for this device; empty otherwise. */
  synchronized Optional<String> validate(String otpKey, String deviceId, String value) {
    Code code = otpKey == null ? null : codes.get(otpKey);
    if (code == null || !code.deviceId().equals(deviceId) || !clock.instant().isBefore(code.validUntil())
        || !code.value().equals(value)) {
      return Optional.empty();
    }
    codes.remove(otpKey);
    String key = randomText(64);
    validations.put(key, deviceId);
    return Optional.of(key);
  }

  /** Consumes a validation key of this device. */
  synchronized boolean redeem(String validationKey, String deviceId) {
    return validationKey != null && deviceId.equals(validations.remove(validationKey));
  }

  synchronized String lastCode() {
    return lastCode;
  }

  synchronized String issuePinToken(String vehicleId) {
    String pAuth = randomText(40);
    pinTokens.put(pAuth, vehicleId);
    return pAuth;
  }

  synchronized boolean pinTokenFor(String pAuth, String vehicleId) {
    return pAuth != null && vehicleId.equals(pinTokens.get(pAuth));
  }

  private String randomText(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
