package io.bluelinkmqtt.demo.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import io.bluelinkmqtt.demo.DemoBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MQTT broker (HiveMQ Community Edition, embedded) for demo mode only, so a new user sees data
 * without installing a broker. HiveMQ keeps MQTT's retained-message rules (every QoS is retained, stored
 * messages reach late subscribers with the retain flag set), which Home Assistant's discovery relies on.
 * Listens on 127.0.0.1 only, anonymous, in-memory, no usage statistics; its folders live in a temp dir that
 * {@link #close()} deletes. Starting (~1.5 s) and stopping block, so call them from a worker or the main
 * thread, never from an event loop. Only demo mode loads this class (and with it HiveMQ), through
 * {@code DemoBrokers}, from the jars beside the bridge's.
 */
public final class EmbeddedBroker implements DemoBroker {

  static final String HOST = "127.0.0.1";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final long START_TIMEOUT_S = 30;
  static final long STOP_WAIT_MS = 500;

  private final EmbeddedHiveMQ hiveMq;
  private final Path dir;
  private final int port;

  private EmbeddedBroker(EmbeddedHiveMQ hiveMq, Path dir, int port) {
    this.hiveMq = hiveMq;
    this.dir = dir;
    this.port = port;
  }

  /**
   * Listens on {@code 127.0.0.1:preferredPort}, or on a free port when something else holds that one (see
   * {@link #port()}): the demo never shares a port with a broker it was not told to use.
   */
  public static EmbeddedBroker start(int preferredPort) throws IOException {
    int port = isFree(preferredPort) ? preferredPort : freePort();
    Path dir = Files.createTempDirectory("bluelink-demo-broker-");
    try {
      Path conf = Files.createDirectory(dir.resolve("conf"));
      Files.writeString(conf.resolve("config.xml"), config(port));
      EmbeddedHiveMQ hiveMq = EmbeddedHiveMQ.builder()
          .withConfigurationFolder(conf)
          .withDataFolder(Files.createDirectory(dir.resolve("data")))
          .withExtensionsFolder(Files.createDirectory(dir.resolve("extensions")))
          .withoutLoggingBootstrap() // our logback setup stays as it is
          .build();
      EmbeddedBroker broker = new EmbeddedBroker(hiveMq, dir, port);
      try {
        hiveMq.start().get(START_TIMEOUT_S, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        broker.close();
        throw new IOException("the embedded MQTT broker did not start on " + HOST + ":" + port, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        broker.close();
        throw new IOException("interrupted while starting the embedded MQTT broker", e);
      }
      return broker;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(dir);
      throw e;
    }
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String host() {
    return HOST;
  }

  /**
   * Stops the broker and deletes its folders. HiveMQ closes its listener and the client connections at once but
   * then idles through Netty's 2 s quiet period; that tail finishes in the background, so a stop costs at most
   * {@link #STOP_WAIT_MS}.
   */
  @Override
  public void close() {
    CompletableFuture<Void> stopped = hiveMq.stop().whenCompleteAsync((v, e) -> closeQuietly(hiveMq));
    try {
      stopped.get(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillIdling) {
      LOG.debug("the embedded MQTT broker finishes stopping in the background");
    } catch (ExecutionException e) {
      LOG.warn("the embedded MQTT broker did not stop cleanly: {}", e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      deleteQuietly(dir);
    }
  }

  private static void closeQuietly(EmbeddedHiveMQ hiveMq) {
    try {
      hiveMq.close();
    } catch (ExecutionException e) {
      LOG.debug("closing the embedded MQTT broker: {}", e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One TCP listener on loopback; nothing on disk, nothing sent home. */
  private static String config(int port) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
            </tcp-listener>
          </listeners>
          <persistence>
            <mode>in-memory</mode>
          </persistence>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """.formatted(port, HOST);
  }

  static boolean isFree(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
      return true;
    } catch (BindException taken) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return probe.getLocalPort();
    }
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not delete the embedded broker's folder {}: {}", dir, e.toString());
    }
  }
}
