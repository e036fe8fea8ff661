package io.bluelinkmqtt.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bluelinkmqtt.command.OtpAnswerParser.Parsed;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grammar of bridge/commands/otp. */
class OtpAnswerParserTest {

  private static Parsed parse(String payload) {
    return OtpAnswerParser.parse(payload.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("a channel, a code of 6 to 8 digits, an optional id")
  void valid() {
    Parsed send = parse("{\"send\":\"email\",\"id\":\"a-1\"}");
    assertEquals("email", send.answer().send());
    assertNull(send.answer().code());
    assertEquals("a-1", send.id());
    assertEquals("sms", parse("{\"send\":\"sms\"}").answer().send());
    assertEquals("123456", parse("{\"code\":\"123456\"}").answer().code().reveal());
    assertEquals("01234567", parse("{\"code\":\"01234567\"}").answer().code().reveal());
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "not json                                  | payload is not a JSON object",
      "[1]                                       | payload is not a JSON object",
      "{}                                        | exactly one of \"send\" or \"code\"",
      "{\"send\":\"email\",\"code\":\"123456\"}  | exactly one of \"send\" or \"code\"",
      "{\"send\":\"fax\"}                        | \"send\" must be email or sms",
      "{\"send\":1}                              | \"send\" must be email or sms",
      "{\"code\":\"12345\"}                      | \"code\" must be a string of 6 to 8 digits",
      "{\"code\":\"123456789\"}                  | \"code\" must be a string of 6 to 8 digits",
      "{\"code\":\"12a456\"}                     | \"code\" must be a string of 6 to 8 digits",
      "{\"code\":123456}                         | \"code\" must be a string of 6 to 8 digits",
      "{\"code\":\"123456\",\"pin\":\"1\"}       | unknown field; expected send, code, id",
      "{\"code\":\"123456\",\"id\":\"a b\"}      | \"id\" must match [A-Za-z0-9_.:-]{1,64}"})
  void refused(String payload, String reason) {
    Parsed parsed = parse(payload.strip());
    assertNull(parsed.answer());
    assertEquals(reason, parsed.reason());
    assertFalse(parsed.reason().contains("123456"), "a reason never quotes the code");
  }

  @Test
  @DisplayName("more than 256 bytes is refused before it is read")
  void tooLarge() {
    assertEquals(CommandParser.Reasons.TOO_LARGE, parse("{\"code\":\"123456\",\"id\":\"" + "x".repeat(300) + "\"}")
        .reason());
  }
}
