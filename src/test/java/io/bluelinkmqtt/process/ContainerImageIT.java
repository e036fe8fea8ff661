package io.bluelinkmqtt.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bluelinkmqtt.demo.DemoMode;
import io.bluelinkmqtt.packaging.ComposeFile;
import io.bluelinkmqtt.packaging.Dockerfile;
import io.bluelinkmqtt.publish.Topics;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.bluelinkmqtt.testsupport.MqttObserver.Received;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container as docker/Dockerfile and docker/compose.yaml describe it, without a Docker engine: the files the
 * image COPYs and its VOLUME laid out under a temp root (so {@code /app/…}, {@code /data} and
 * {@code /run/secrets/…} exist), the jar started with exactly the image's ENTRYPOINT and CMD in its WORKDIR, with
 * exactly the image's ENV overlaid by the compose service's environment (only paths, the broker's host name and
 * ports mapped), against a Mosquitto running the compose's mosquitto.conf, password file and ACL. With no account
 * the bridge runs its demo there, as a first {@code docker compose up} does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerImageIT {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerImageIT.class);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Topics DEMO = new Topics(DemoMode.BASE_TOPIC);
  private static final List<String> DEMO_CARS = SimCar.defaultFleet().stream().map(SimCar::vehicleId).toList();

  private final Dockerfile image = Dockerfile.read();
  private final ComposeFile compose = ComposeFile.read();
  private final Map<String, String> passwords = new LinkedHashMap<>();
  private Vertx vertx;
  private Path root;
  private Path brokerDir;
  private Process broker;
  private int brokerPort;
  private int httpPort;
  private Map<String, String> env;
  private BridgeProcess bridge;

  @BeforeAll
  void startTheStack() throws Exception {
    vertx = Vertx.vertx();
    root = Files.createTempDirectory("container-root");
    layOutImage();
    startComposeBroker();
    env = containerEnv();
    List<String> command = image.command().stream().map(this::containerArg).toList();
    LOG.info("image command {} in {}, env {}", command, image.workdir(), env.keySet());
    bridge = BridgeProcess.startExactly(command, inRoot(image.workdir()), env);
  }

  @AfterAll
  void stopTheStack() {
    if (bridge != null) {
      bridge.term();
      boolean exited = bridge.waitForExit(Duration.ofSeconds(15));
      LOG.info("bridge log:\n{}", bridge.log());
      bridge.close();
      assertTrue(exited && bridge.exitValue() == 0, "docker stop (SIGTERM) ends the bridge with exit 0");
    }
    if (broker != null) {
      broker.destroyForcibly();
    }
    if (vertx != null) {
      Await.result(vertx.close(), WAIT);
    }
  }

  @Test
  @DisplayName("the image's command and env serve: Home Assistant's user sees both demo cars, and its refresh "
      + "command is answered")
  void imageServes() {
    MqttObserver ha = login("homeassistant", DEMO.base() + "/#");
    try {
      for (String car : DEMO_CARS) {
        Await.result(ha.awaitMessage(DEMO.vehicle(car, Topics.BATTERY_LEVEL), m -> true), WAIT);
        Await.result(ha.awaitMessage(DEMO.vehicle(car, Topics.EVCC_SOC), m -> true), WAIT);
      }
      String car = DEMO_CARS.get(0);
      Future<Received> result = ha.awaitMessage(DEMO.commandResult(car), m -> m.payload().contains("\"ct-1\""));
      Await.result(ha.publish(DEMO.vehicle(car, Topics.COMMAND_REFRESH), "{\"mode\":\"cached\",\"id\":\"ct-1\"}", 1,
          false), WAIT);
      assertEquals("ok", new JsonObject(Await.result(result, WAIT).payload()).getString("status"));
      assertTrue(bridge.log().contains("demo mode"), bridge.log());
    } finally {
      Await.result(ha.close(), WAIT);
    }
  }

  @Test
  @DisplayName("the ACL confines users: evcc reads only the evcc values, and what the bridge's user publishes "
      + "outside its topics reaches nobody")
  void aclConfinesTheUsers() {
    MqttObserver evcc = login("evcc", "#");
    MqttObserver bridgeUser = login("bluelink", DEMO.base() + "/none");
    try {
      for (String car : DEMO_CARS) {
        Await.result(evcc.awaitMessage(DEMO.vehicle(car, Topics.EVCC_STATUS), m -> true), WAIT);
      }
      Await.result(bridgeUser.publish("evcc/site/intruder", "from the bridge's user", 1, false), WAIT);
      Await.result(evcc.publish("evcc/site/own", "evcc's own", 1, false), WAIT);
      // the broker handled the intruder first: had it delivered it, it would be here before evcc's own message
      Await.result(evcc.awaitMessage("evcc/site/own", m -> true), WAIT);
      List<String> seen = evcc.messages().stream().map(Received::topic).distinct().toList();
      assertTrue(seen.stream().allMatch(t -> t.contains("/evcc/") || t.equals("evcc/site/own")),
          "evcc saw topics outside its ACL: " + seen);
    } finally {
      Await.result(evcc.close(), WAIT);
      Await.result(bridgeUser.close(), WAIT);
    }
  }

  @Test
  @DisplayName("the HEALTHCHECK command runs the probe from the jar with the image's env: exit 1 with a reason when "
      + "nothing answers, exit 0 once the bridge serves /health")
  void healthcheck() throws Exception {
    MqttObserver ha = login("homeassistant", DEMO.base() + "/#");
    Await.result(ha.awaitMessage(DEMO.vehicle(DEMO_CARS.get(1), Topics.BATTERY_LEVEL), m -> true), WAIT);
    Await.result(ha.close(), WAIT);
    Map<String, String> nobodyHome = new LinkedHashMap<>(env);
    nobodyHome.put("HTTP_PORT", Integer.toString(MosquittoProcess.freePort()));
    ProbeRun refused = probe(nobodyHome);
    LOG.info("MEASURED healthcheck with nothing listening: exit {} in {} ms", refused.exit(), refused.millis());
    assertEquals(1, refused.exit(), refused.output());
    assertTrue(refused.output().startsWith("unhealthy:") && refused.output().contains("did not answer"),
        "the probe class ran from the jar: " + refused.output());
    assumeTrue(listening(httpPort), "this build serves no HTTP on HTTP_PORT yet, so /health cannot answer");
    ProbeRun healthy = probe(env);
    LOG.info("MEASURED healthcheck: {} in {} ms", healthy.output(), healthy.millis());
    assertEquals(0, healthy.exit(), healthy.output());
  }

  /** The image's files under the temp root: every COPY (the built jar for the build stage's) and the volume. */
  private void layOutImage() throws IOException {
    Path project = Path.of(System.getProperty("project.basedir", "."));
    Path jar = Path.of(System.getProperty("bridge.jar", "target/bluelink-mqtt.jar")).toAbsolutePath();
    for (Dockerfile.Copy copy : image.copies()) {
      Path target = inRoot(copy.destination());
      Files.createDirectories(target.getParent());
      Files.createSymbolicLink(target, copy.fromStage() == null ? project.resolve(copy.source()).toAbsolutePath() : jar);
    }
    for (String volume : image.volumes()) {
      Files.createDirectories(inRoot(volume));
    }
    Path secrets = Files.createDirectories(inRoot("/run/secrets"));
    passwords.put("bluelink", UUID.randomUUID().toString());
    passwords.put("homeassistant", UUID.randomUUID().toString());
    passwords.put("evcc", UUID.randomUUID().toString());
    for (String secret : compose.list("bluelink-mqtt", "secrets")) {
      // no account (the demo); the broker password is the bridge user's
      Files.writeString(secrets.resolve(secret), secret.equals("mqtt_password") ? passwords.get("bluelink") + "\n" : "");
    }
  }

  /** mosquitto.conf as compose mounts it, on a free loopback port, with the mounted files at temp paths. */
  private void startComposeBroker() throws Exception {
    brokerDir = Files.createTempDirectory("compose-mosquitto");
    Path dockerDir = ComposeFile.directory();
    Map<String, Path> mounts = new LinkedHashMap<>();
    for (String volume : compose.list("mosquitto", "volumes")) {
      String[] parts = volume.split(":");
      if (parts[0].startsWith(".")) {
        Path copy = brokerDir.resolve(Path.of(parts[0]).getFileName().toString() + ".mounted");
        Files.copy(dockerDir.resolve(parts[0]), copy);
        mounts.put(parts[1], copy);
      }
    }
    Path passwd = mounts.get("/mosquitto/config/passwd");
    for (Map.Entry<String, String> user : passwords.entrySet()) {
      run(List.of("mosquitto_passwd", "-b", passwd.toString(), user.getKey(), user.getValue()));
    }
    brokerPort = MosquittoProcess.freePort();
    // the image's broker runs as the owner of its files; here that is whoever runs the test
    List<String> conf = new ArrayList<>(List.of("user " + System.getProperty("user.name")));
    for (String line : Files.readAllLines(mounts.get("/mosquitto/config/mosquitto.conf"))) {
      String[] words = line.split(" ", 2);
      if (words[0].equals("listener")) {
        line = "listener " + brokerPort + " 127.0.0.1";
      } else if (words[0].equals("persistence_location")) {
        line = "persistence_location " + brokerDir + "/";
      } else if (words[0].equals("log_dest")) {
        line = "log_dest file " + brokerDir.resolve("mosquitto.log");
      } else if (words.length == 2 && mounts.containsKey(words[1])) {
        line = words[0] + " " + mounts.get(words[1]);
      }
      conf.add(line);
    }
    Path confFile = Files.write(brokerDir.resolve("mosquitto.conf"), conf);
    broker = new ProcessBuilder("/usr/sbin/mosquitto", "-c", confFile.toString()).redirectErrorStream(true)
        .redirectOutput(brokerDir.resolve("stdout.log").toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!listening(brokerPort)) {
      if (System.nanoTime() > deadline || broker.waitFor(50, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the compose mosquitto did not start: "
            + Files.readString(brokerDir.resolve("stdout.log")) + conf);
      }
    }
    LOG.info("compose mosquitto {} on 127.0.0.1:{} with {}", broker.pid(), brokerPort, mounts.keySet());
  }

  /** The image's ENV, then the compose service's environment; container paths and the service names mapped. */
  private Map<String, String> containerEnv() {
    Map<String, String> merged = new LinkedHashMap<>(image.env());
    merged.putAll(compose.environment("bluelink-mqtt"));
    httpPort = MosquittoProcess.freePort();
    Map<String, String> mapped = new LinkedHashMap<>();
    merged.forEach((name, value) -> mapped.put(name, switch (name) {
      case "MQTT_BROKER_HOST" -> value.equals("mosquitto") ? "127.0.0.1" : value;
      case "MQTT_BROKER_PORT" -> Integer.toString(brokerPort);
      case "HTTP_PORT" -> Integer.toString(httpPort);
      default -> containerArg(value);
    }));
    return mapped;
  }

  /** {@code java} is this JVM's; an absolute container path lies under the temp root. */
  private String containerArg(String arg) {
    if (arg.equals("java")) {
      return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
    if (arg.startsWith("@/")) {
      return "@" + inRoot(arg.substring(1));
    }
    return arg.startsWith("/") ? inRoot(arg).toString() : arg;
  }

  private Path inRoot(String containerPath) {
    return root.resolve(containerPath.substring(1));
  }

  private MqttObserver login(String user, String filter) {
    return Await.result(MqttObserver.startWithCredentials(vertx, "127.0.0.1", brokerPort, filter, user,
        passwords.get(user)), WAIT);
  }

  private record ProbeRun(int exit, String output, long millis) {
  }

  /** The HEALTHCHECK's CMD as Docker runs it: in the WORKDIR, with the container's env. */
  private ProbeRun probe(Map<String, String> probeEnv) throws Exception {
    List<String> command = image.healthcheck().stream().map(this::containerArg).toList();
    ProcessBuilder builder = new ProcessBuilder(command).directory(inRoot(image.workdir()).toFile())
        .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(probeEnv);
    long started = System.nanoTime();
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the HEALTHCHECK timeout is 10 s");
    return new ProbeRun(p.exitValue(), output, (System.nanoTime() - started) / 1_000_000);
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new UncheckedIOException(new IOException(command.get(0) + " failed: " + output));
    }
  }
}
