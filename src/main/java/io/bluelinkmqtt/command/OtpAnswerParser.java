package io.bluelinkmqtt.command;

import io.bluelinkmqtt.codec.OtpJson.OtpAnswer;
import io.bluelinkmqtt.config.Secret;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The grammar of {@code {base}/bridge/commands/otp}: {@code {"send":"email"|"sms"}} or {@code {"code":"123456"}}
 * (6 to 8 digits, as a string), each with an optional {@code "id"}. Pure; never throws; a reason never quotes the
 * payload (the code is a secret).
 */
final class OtpAnswerParser {

  static final int MAX_BYTES = 256;
  static final Set<String> CHANNELS = Set.of("email", "sms");
  private static final Pattern CODE = Pattern.compile("[0-9]{6,8}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final Set<String> FIELDS = Set.of("send", "code", "id");

  static final String TOO_LARGE = CommandParser.Reasons.TOO_LARGE;
  static final String NOT_JSON = CommandParser.Reasons.INVALID_JSON;
  static final String ONE_OF = "exactly one of \"send\" or \"code\"";
  static final String UNKNOWN_FIELD = "unknown field; expected send, code, id";
  static final String BAD_CHANNEL = "\"send\" must be email or sms";
  static final String BAD_CODE = "\"code\" must be a string of 6 to 8 digits";

  /** The answer, or why it was refused; the id when it was readable. */
  record Parsed(OtpAnswer answer, String reason, String id) {
  }

  private OtpAnswerParser() {
  }

  static Parsed parse(byte[] payload) {
    if (payload.length > MAX_BYTES) {
      return refused(TOO_LARGE, null);
    }
    JsonObject json;
    try {
      json = new JsonObject(new String(payload, StandardCharsets.UTF_8));
    } catch (DecodeException | ClassCastException e) {
      return refused(NOT_JSON, null);
    }
    String id = json.getValue("id") instanceof String s && ID.matcher(s).matches() ? s : null;
    if (json.containsKey("id") && id == null) {
      return refused(CommandParser.Reasons.JSON_ID, null);
    }
    if (!FIELDS.containsAll(json.fieldNames())) {
      return refused(UNKNOWN_FIELD, id);
    }
    boolean send = json.containsKey("send");
    if (send == json.containsKey("code")) {
      return refused(ONE_OF, id);
    }
    if (send) {
      return json.getValue("send") instanceof String channel && CHANNELS.contains(channel)
          ? new Parsed(new OtpAnswer(channel, null), null, id) : refused(BAD_CHANNEL, id);
    }
    return json.getValue("code") instanceof String code && CODE.matcher(code).matches()
        ? new Parsed(new OtpAnswer(null, Secret.of(code)), null, id) : refused(BAD_CODE, id);
  }

  private static Parsed refused(String reason, String id) {
    return new Parsed(null, reason, id);
  }
}
