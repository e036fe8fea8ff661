package io.bluelinkmqtt.mqtt;

import static io.bluelinkmqtt.mqtt.BridgeHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.config.AppConfig.TlsConfig;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reliability catalogue C25: TLS to the broker, with certificates made by openssl for this run. */
@Tag("fault")
@ExtendWith(VertxExtension.class)
class BrokerTlsTest {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerTlsTest.class);

  @TempDir
  static Path pki;

  @BeforeAll
  static void makeCertificates() throws Exception {
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
        "-subj", "/CN=Test CA");
    signed("localhost", "DNS:localhost,IP:127.0.0.1");
    signed("wrong", "DNS:wrong.example");
    signed("client", "DNS:bridge-client");
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "self.key", "-out", "self.crt", "-days", "2",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost");
  }

  @Test
  @DisplayName("C25a: certificate for localhost signed by the trusted CA: connects")
  void trustedCertificateConnects(Vertx vertx) {
    try (MosquittoProcess broker = tlsBroker("localhost", false)) {
      BridgeHarness h = bridge(broker, tls("", "")).build(vertx).deploy();
      h.awaitFirstConnect();
      assertTrue(h.verticle.gauges().connected());
      Await.result(h.undeploy(), WAIT);
    }
  }

  @Test
  @DisplayName("C25b: same CA but SAN=wrong.example: rejected by host name verification")
  void wrongHostRejected(Vertx vertx) {
    try (MosquittoProcess broker = tlsBroker("wrong", false)) {
      rejected(vertx, bridge(broker, tls("", "")), "mqtt_tls_failed", "C25b");
    }
  }

  @Test
  @DisplayName("C25c: untrusted self-signed certificate: rejected")
  void untrustedRejected(Vertx vertx) {
    try (MosquittoProcess broker = MosquittoProcess.builder()
        .tls(new MosquittoProcess.Tls(pki.resolve("ca.crt"), pki.resolve("self.crt"), pki.resolve("self.key"), false))
        .build().start()) {
      rejected(vertx, bridge(broker, tls("", "")), "mqtt_tls_failed", "C25c");
    }
  }

  @Test
  @DisplayName("C25d: broker requires a client certificate: without one rejected with a clear error, with one connects")
  void clientCertificateRequired(Vertx vertx) {
    try (MosquittoProcess broker = tlsBroker("localhost", true); LogCapture logs = LogCapture.attach()) {
      String reason = rejected(vertx, bridge(broker, tls("", "")), null, "C25d");
      assertTrue(List.of("mqtt_tls_failed", "connection_failed").contains(reason), reason);
      List<String> errors = logs.lines("MQTT broker unreachable at localhost:" + broker.port());
      assertFalse(errors.isEmpty(), logs.text());
      LOG.info("C25d error line: {}", errors.get(0));

      BridgeHarness withCert = bridge(broker, tls(pki.resolve("client.crt").toString(), pki.resolve("client.key").toString()))
          .build(vertx).deploy();
      withCert.awaitFirstConnect();
      Await.result(withCert.undeploy(), WAIT);
    }
  }

  @Test
  @DisplayName("C25e: plain MQTT to the TLS port fails within the connect timeout, no hang")
  void plainToTlsPortFailsFast(Vertx vertx) {
    try (MosquittoProcess broker = tlsBroker("localhost", false)) {
      rejected(vertx, bridge(broker, new TlsConfig(false, "", "", "", false)), null, "C25e");
    }
  }

  /** Deploys, waits for the first failure, checks it came within the connect timeout and that nothing connects. */
  private static String rejected(Vertx vertx, BridgeHarness.Settings settings, String expectedReason, String label) {
    BridgeHarness h = settings.build(vertx);
    Future<JsonObject> down = h.nextConnection(false);
    Future<JsonObject> up = h.nextConnection(true);
    long start = System.currentTimeMillis();
    h.deploy();
    String reason = Await.result(down, WAIT).getString("reason");
    long failMs = System.currentTimeMillis() - start;
    LOG.info("{} measured: first attempt failed after {} ms with {}", label, failMs, reason);
    assertTrue(failMs <= MqttClientFactory.connectTimeoutMs(h.config) + 1000, "failed only after " + failMs + " ms");
    if (expectedReason != null) {
      assertEquals(expectedReason, reason);
    }
    assertTrue(Await.staysPending(up, java.time.Duration.ofMillis(500)));
    assertFalse(h.verticle.gauges().connected());
    Await.result(h.undeploy(), WAIT);
    return reason;
  }

  private static BridgeHarness.Settings bridge(MosquittoProcess broker, TlsConfig tls) {
    return BridgeHarness.settings("localhost", broker.port()).keepAlive(2).backoff(100, 500).tls(tls);
  }

  private static TlsConfig tls(String cert, String key) {
    return new TlsConfig(true, pki.resolve("ca.crt").toString(), cert, key, false);
  }

  private static MosquittoProcess tlsBroker(String name, boolean requireCertificate) {
    return MosquittoProcess.builder().tls(new MosquittoProcess.Tls(pki.resolve("ca.crt"), pki.resolve(name + ".crt"),
        pki.resolve(name + ".key"), requireCertificate)).build().start();
  }

  private static void signed(String name, String san) throws Exception {
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
    Files.writeString(pki.resolve(name + ".ext"), "subjectAltName=" + san + "\n");
    openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out",
        name + ".crt", "-days", "2", "-extfile", name + ".ext");
  }

  private static void openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(pki.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + new String(out));
    }
  }
}
