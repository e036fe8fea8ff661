package io.bluelinkmqtt.api.uskia;

import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/** The USA Kia APIGW constants (bluelink-protocol.md §1.3, lib 2026) and the headers every call carries. */
public final class UsKiaProfile {

  /** The real base; {@code api.endpoints.usa.apigw} / {@code BLUELINK_KIA_US_URL} override it. */
  public static final String DEFAULT_BASE = "https://api.owners.kia.com/apigw/v1";

  public static final String AUTH_USER = "/prof/authUser";
  public static final String SEND_OTP = "/cmm/sendOTP";
  public static final String VERIFY_OTP = "/cmm/verifyOTP";
  public static final String VEHICLE_LIST = "/ownr/gvl";
  public static final String VEHICLE_INFO = "/cmm/gvi";
  public static final String FORCE_STATUS = "/rems/rvs";
  public static final String LOCK = "/rems/door/lock";
  public static final String UNLOCK = "/rems/door/unlock";
  public static final String CLIMATE_START = "/rems/start";
  public static final String CLIMATE_STOP = "/rems/stop";
  public static final String CHARGE_START = "/evc/charge";
  public static final String CHARGE_STOP = "/evc/cancel";
  public static final String CHARGE_LIMITS = "/evc/sts";
  public static final String ACTION_STATUS = "/cmm/gts";

  public static final String CLIENT_ID = "SPACL716-APL";
  public static final String SECRET_KEY = "sydnat-9kykci-Kuhtep-h5nK";
  public static final String APP_VERSION = "7.22.0";
  public static final String USER_AGENT = "KIAPrimo_iOS/37 CFNetwork/1335.0.3.4 Darwin/21.6.0";

  /** Headers of the session and the answer. */
  public static final String SID = "sid";
  public static final String RMTOKEN = "rmtoken";
  public static final String XID = "xid";
  public static final String OTPKEY = "otpkey";
  public static final String NOTIFY_TYPE = "notifytype";
  public static final String VINKEY = "vinkey";
  public static final String DEVICE_ID = "deviceid";
  public static final String CLIENT_UUID = "clientuuid";

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  /** RFC 4122's DNS namespace, for the {@code clientuuid} header. */
  private static final UUID DNS_NAMESPACE = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

  private UsKiaProfile() {
  }

  /** The app's static headers plus the device's and the date; no session. */
  static MultiMap baseHeaders(String deviceId, Clock clock) {
    int offsetHours = ZoneId.of("America/New_York").getRules().getOffset(clock.instant()).getTotalSeconds() / 3600;
    return MultiMap.caseInsensitiveMultiMap()
        .add("content-type", "application/json;charset=utf-8")
        .add("accept", "application/json")
        .add("accept-language", "en-US,en;q=0.9")
        .add("accept-charset", "utf-8")
        .add("apptype", "L")
        .add("appversion", APP_VERSION)
        .add("clientid", CLIENT_ID)
        .add("secretkey", SECRET_KEY)
        .add("from", "SPA")
        .add("to", "APIGW")
        .add("language", "0")
        .add("offset", Integer.toString(offsetHours))
        .add("ostype", "iOS")
        .add("osversion", "15.8.5")
        .add("phonebrand", "iPhone")
        .add("tokentype", "A")
        .add("user-agent", USER_AGENT)
        .add("date", HTTP_DATE.format(clock.instant()))
        .add(DEVICE_ID, deviceId)
        .add(CLIENT_UUID, clientUuid(deviceId));
  }

  /** UUIDv5 of the device id in the DNS namespace (§1.3). */
  public static String clientUuid(String deviceId) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(toBytes(DNS_NAMESPACE));
      byte[] hash = sha1.digest(deviceId.getBytes(StandardCharsets.UTF_8));
      hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
      hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
      long msb = 0;
      long lsb = 0;
      for (int i = 0; i < 8; i++) {
        msb = (msb << 8) | (hash[i] & 0xff);
        lsb = (lsb << 8) | (hash[i + 8] & 0xff);
      }
      return new UUID(msb, lsb).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] toBytes(UUID uuid) {
    byte[] bytes = new byte[16];
    long msb = uuid.getMostSignificantBits();
    long lsb = uuid.getLeastSignificantBits();
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (msb >>> (56 - 8 * i));
      bytes[i + 8] = (byte) (lsb >>> (56 - 8 * i));
    }
    return bytes;
  }
}
