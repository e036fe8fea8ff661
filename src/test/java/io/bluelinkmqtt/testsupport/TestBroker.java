package io.bluelinkmqtt.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Mosquitto for tests that only need a broker (tests that kill or restart it start their own
 * {@link MosquittoProcess}). In order of preference: {@code MQTT_TEST_BROKER=host:port} (CI points it at
 * the system mosquitto), a Testcontainers {@code eclipse-mosquitto} where a Docker engine answers,
 * else a {@link MosquittoProcess}. The choice is logged so CI output shows which broker ran.
 *
 * <p>The broker may be shared: tests use their own base topic and client ids.
 */
public final class TestBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TestBroker.class);
  static final String ENV = "MQTT_TEST_BROKER";
  private static final String IMAGE = "eclipse-mosquitto:2.0";

  private final String host;
  private final int port;
  private final String kind;
  private final AutoCloseable owned;

  private TestBroker(String host, int port, String kind, AutoCloseable owned) {
    this.host = host;
    this.port = port;
    this.kind = kind;
    this.owned = owned;
  }

  /** Picks and starts (if needed) a broker; {@code testName} goes into the log line. */
  public static TestBroker start(String testName) {
    TestBroker broker = choose();
    LOG.info("{} uses {} at {}:{}", testName, broker.kind, broker.host, broker.port);
    return broker;
  }

  private static TestBroker choose() {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      int colon = env.lastIndexOf(':');
      return new TestBroker(env.substring(0, colon), Integer.parseInt(env.substring(colon + 1)),
          "the shared mosquitto from " + ENV, null);
    }
    if (dockerAvailable()) {
      GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
          .withExposedPorts(1883)
          .withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf");
      container.start();
      return new TestBroker(container.getHost(), container.getMappedPort(1883), "Testcontainers " + IMAGE, container::stop);
    }
    MosquittoProcess process = MosquittoProcess.startDefault();
    return new TestBroker(process.host(), process.port(), "a mosquitto child process", process);
  }

  /** Asked once per JVM: the Docker client is installed here but usually without an engine. */
  public static synchronized boolean dockerAvailable() {
    if (dockerAvailable == null) {
      boolean available;
      try {
        available = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        available = false;
      }
      dockerAvailable = available;
    }
    return dockerAvailable;
  }

  private static Boolean dockerAvailable;

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** Which broker this is, for log lines and assertion messages. */
  public String kind() {
    return kind;
  }

  @Override
  public void close() throws Exception {
    if (owned != null) {
      owned.close();
    }
  }
}
