package io.bluelinkmqtt.api.eu;

import io.bluelinkmqtt.domain.Brand;
import java.time.ZoneId;

/**
 * The public protocol constants of the EU cloud per brand (docs: bluelink-protocol.md §1.3). These
 * identify the official app to the servers; they are not user secrets.
 *
 * @param ccapiBase default CCAPI base URL (vehicle data, device registration)
 * @param idpBase default identity provider base URL (CCI/OneApp login)
 * @param cciBase default CCI API base URL (token exchange and refresh)
 * @param serviceId ccsp-service-id, also the OAuth client id of the CCAPI
 * @param clientSecret client secret paired with the service id (legacy refresh-token grant)
 * @param appId ccsp-application-id; the Stamp encodes it
 * @param stampKeyBase64 the CFB key the Stamp is XOR-ed with
 * @param pushType device registration push type
 * @param oneAppClientId OneApp client id for the CCI login
 * @param oneAppRedirectUri OneApp redirect URI for the CCI login
 * @param cciClientId CCI "client-id" header (the app's package name)
 * @param cciClientName CCI "client-name" header
 * @param cciOsVersion CCI "client-os-version" header
 * @param cciNotificationProvider CCI "client-notification-provider-type" header
 */
public record EuBrandProfile(Brand brand, String ccapiBase, String idpBase, String cciBase, String serviceId,
                             String clientSecret, String appId, String stampKeyBase64, String pushType,
                             String oneAppClientId, String oneAppRedirectUri, String cciClientId,
                             String cciClientName, String cciOsVersion, String cciNotificationProvider) {

  /** Zone of the legacy format's local timestamps (§5.12). */
  public static final ZoneId DATA_ZONE = ZoneId.of("Europe/Berlin");

  /** The user agent the CCI login pages require; without the suffix the IDP answers 400. */
  public static final String LOGIN_USER_AGENT = "Mozilla/5.0 (Linux; Android 4.1.1; Galaxy Nexus Build/JRO03C) "
      + "AppleWebKit/535.19 (KHTML, like Gecko) Chrome/18.0.1025.166 Mobile Safari/535.19_CCS_APP_AOS";

  /** The user agent of CCAPI calls. */
  public static final String API_USER_AGENT = "okhttp/3.12.0";

  public static EuBrandProfile of(Brand brand) {
    return switch (brand) {
      case KIA -> new EuBrandProfile(brand, "https://prd.eu-ccapi.kia.com:8080", "https://idpconnect-eu.kia.com",
          "https://cci-api-eu.kia.com", "fdc85c00-0a2f-4c64-bcb4-2cfb1500730a", "secret",
          "a2b8469b-30a3-4361-8e13-6fceea8fbe74", "wLTVxwidmH8CfJYBWSnHD6E0huk0ozdiuygB4hLkM5XCgzAL1Dk5sE36d/bx5PFMbZs=",
          "APNS", "01b36c86-79e8-486c-8009-15f2ad88d670", "https://oneapp.kia.com/redirect", "com.kia.oneapp.eu",
          "kia", "27", "IOS_APPSTORE");
      case HYUNDAI -> new EuBrandProfile(brand, "https://prd.eu-ccapi.hyundai.com:8080",
          "https://idpconnect-eu.hyundai.com", "https://cci-api-eu.hyundai.com", "6d477c38-3ca4-4cf3-9557-2a1929a94654",
          "KUy49XxPzLpLuoK0xhBC77W6VXhmtQR9iQhmIFjjoY4IpxsV", "014d2225-8495-4735-812d-2616334fd15d",
          "RFtoRq/vDXJmRndoZaZQyfOot7OrIqGVFj96iY2WL3yyH5Z/pUvlUhqmCxD2t+D65SQ=", "GCM",
          "4f4953b5-02e1-4dbc-8599-87e983ee1be5", "https://oneapp.hyundai.com/redirect", "com.hyundai.oneapp.eu",
          "hyundai", "18.7", "APNS");
      case GENESIS -> new EuBrandProfile(brand, "https://prd-eu-ccapi.genesis.com:443",
          "https://idpconnect-eu.genesis.com", "https://cci-api-eu.genesis.com", "3020afa2-30ff-412a-aa51-d28fbe901e10",
          "FKDdlef2ffdleFEweELFKERiLER2FED21sDdwdgQz6hFESE3", "f11f2b86-e0e7-4851-90df-5600b01d8b70",
          "RFtoRq/vDXJmRndoZaZQyYo3/qFLtVReW8P7utRPcc0ZxOzOELm9mexvviBk/qqIp4A=", "GCM",
          "50e3b8b0-ced5-43b7-8a42-f86ac92fe50e", "https://oneapp.genesis.com/redirect", "com.genesis.oneapp.eu",
          "genesis", "18.7", "APNS");
    };
  }
}
