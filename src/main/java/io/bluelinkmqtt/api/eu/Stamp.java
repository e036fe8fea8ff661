package io.bluelinkmqtt.api.eu;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The CCAPI "Stamp" header: base64(XOR(cfbKey, utf8(appId + ":" + millis))), truncated to the
 * shorter input (bluelink-protocol.md §1.2). Milliseconds make the plaintext exactly as long as the
 * 50-byte key, as the official app's key length suggests.
 */
public final class Stamp {

  private Stamp() {
  }

  public static String create(String appId, String stampKeyBase64, long epochMillis) {
    byte[] key = Base64.getDecoder().decode(stampKeyBase64);
    byte[] plain = (appId + ":" + epochMillis).getBytes(StandardCharsets.UTF_8);
    return Base64.getEncoder().encodeToString(xor(key, plain));
  }

  /** Decodes a stamp back to {@code appId:timestamp} (what a server checks); empty when it is not base64. */
  public static Optional<String> decode(String stamp, String stampKeyBase64) {
    try {
      byte[] key = Base64.getDecoder().decode(stampKeyBase64);
      byte[] mixed = Base64.getDecoder().decode(stamp);
      return Optional.of(new String(xor(key, mixed), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static byte[] xor(byte[] key, byte[] data) {
    int length = Math.min(key.length, data.length);
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) (key[i] ^ data[i]);
    }
    return out;
  }
}
