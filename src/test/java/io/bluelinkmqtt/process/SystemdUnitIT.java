package io.bluelinkmqtt.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.demo.DemoMode;
import io.bluelinkmqtt.packaging.SystemdUnit;
import io.bluelinkmqtt.publish.Topics;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The jar as conf/bluelink-mqtt.service starts it, without systemd: exactly its ExecStart in its WorkingDirectory,
 * with its Environment= lines and the settings file of the README, the specifiers %S (state) and %d (credentials)
 * and the unit's absolute paths under a temp root, the credentials as the files LoadCredential makes. No account:
 * the demo, on a Mosquitto named in the settings file.
 */
class SystemdUnitIT {

  private static final Topics DEMO = new Topics(DemoMode.BASE_TOPIC);

  private MosquittoProcess mosquitto;
  private MosquittoSub watcher;
  private BridgeProcess bridge;

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
    BridgeProcess.stopAll(bridge, null, mosquitto);
  }

  @Test
  @DisplayName("the unit's ExecStart and environment serve both demo cars; SIGTERM (systemctl stop) exits 0, which "
      + "Restart=on-failure leaves stopped")
  void unitCommandServes() throws Exception {
    SystemdUnit unit = SystemdUnit.read();
    Path root = Files.createTempDirectory("systemd-root");
    Path state = Files.createDirectories(root.resolve("var/lib"));
    Path credentials = Files.createDirectories(root.resolve("run/credentials/bluelink-mqtt.service"));
    Files.createDirectories(state.resolve(unit.value("StateDirectory")));
    for (String credential : unit.values("LoadCredential")) {
      Files.writeString(credentials.resolve(credential.substring(0, credential.indexOf(':'))), "");
    }
    Path workdir = Files.createDirectories(inRoot(root, unit.value("WorkingDirectory")));
    List<String> command = Arrays.stream(unit.value("ExecStart").split(" "))
        .map(arg -> arg.equals("/usr/bin/java") ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
            : arg).toList();
    String jarArg = command.stream().filter(a -> a.endsWith(".jar")).findFirst().orElseThrow();
    Path jar = inRoot(root, jarArg);
    Files.createSymbolicLink(jar, Path.of(System.getProperty("bridge.jar", "target/bluelink-mqtt.jar")).toAbsolutePath());
    // the README installs conf/jvm.options next to the jar; the unit names it as a java @argument file
    String optionsArg = command.stream().filter(a -> a.startsWith("@")).findFirst().orElseThrow();
    Path options = inRoot(root, optionsArg.substring(1));
    Files.copy(Path.of(System.getProperty("project.basedir", "."), "conf", "jvm.options"), options);
    command = command.stream().map(a -> a.equals(jarArg) ? jar.toString()
        : a.equals(optionsArg) ? "@" + options : a).toList();

    mosquitto = MosquittoProcess.startDefault();
    Map<String, String> env = new LinkedHashMap<>();
    // the README's settings file, without an account; HTTP off so no fixed port is taken
    env.put("MQTT_BROKER_HOST", mosquitto.host());
    env.put("MQTT_BROKER_PORT", Integer.toString(mosquitto.port()));
    env.put("HTTP_PORT", "0");
    unit.environment().forEach((name, value) -> env.put(name,
        value.replace("%S", state.toString()).replace("%d", credentials.toString())));
    watcher = MosquittoSub.start(mosquitto.host(), mosquitto.port(), List.of("-t", DEMO.base() + "/#", "-v"));
    bridge = BridgeProcess.startExactly(command, workdir, env);

    for (SimCar car : SimCar.defaultFleet()) {
      String topic = DEMO.vehicle(car.vehicleId(), Topics.BATTERY_LEVEL);
      watcher.awaitLine(l -> l.startsWith(topic + " "), Duration.ofSeconds(30));
    }
    bridge.term();
    assertTrue(bridge.waitForExit(Duration.ofSeconds(15)), "stopped within the unit's TimeoutStopSec");
    assertEquals(0, bridge.exitValue(), bridge.log());
  }

  private static Path inRoot(Path root, String absolute) {
    return root.resolve(absolute.substring(1));
  }
}
