package io.bluelinkmqtt;

import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigException;
import io.bluelinkmqtt.config.ConfigLoader;
import io.bluelinkmqtt.demo.DemoMode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the configuration and deploys the bridge; nothing else. Exit code 2 means "fix the configuration". */
public final class Main {

  static final int EXIT_BAD_CONFIG = 2;

  private Main() {
  }

  public static void main(String[] args) {
    CommandLine cli = CommandLine.parse(args);
    if (cli.error() != null) {
      System.err.println("bluelink-mqtt: " + cli.error());
      System.err.println("usage: java -jar bluelink-mqtt.jar [--config <file>] [--demo]");
      System.exit(EXIT_BAD_CONFIG);
    }
    Vertx vertx = Vertx.vertx();
    AppConfig config;
    boolean brokerHostConfigured;
    try {
      ConfigLoader.RawConfig raw = ConfigLoader.read(vertx, cli.configFile(), cli.explicitConfig()).await();
      brokerHostConfigured = raw.env().containsKey("MQTT_BROKER_HOST");
      config = ConfigLoader.parse(raw, cli.demo());
    } catch (ConfigException e) {
      System.err.println("bluelink-mqtt: the configuration is invalid; nothing was started.");
      e.problems().forEach(p -> System.err.println("  - " + p));
      vertx.close();
      System.exit(EXIT_BAD_CONFIG);
      return;
    } catch (RuntimeException e) {
      System.err.println("bluelink-mqtt: cannot read the configuration (" + e.getClass().getSimpleName() + ")");
      vertx.close();
      System.exit(EXIT_BAD_CONFIG);
      return;
    }
    Logging.apply(config.logging());
    Logger log = LoggerFactory.getLogger(Main.class);
    DemoMode demo = null;
    if (config.demo()) {
      log.info("no account configured (or --demo): starting demo mode with the built-in simulator");
      DemoMode.Started started = DemoMode.start(vertx, config, brokerHostConfigured).await();
      demo = started.demo();
      config = started.config();
    }
    BridgeApplication app = new BridgeApplication(vertx, config);
    DemoMode demoToStop = demo;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        app.stop()
            .compose(v -> demoToStop == null ? Future.<Void>succeededFuture() : demoToStop.stop())
            .eventually(vertx::close)
            .toCompletionStage().toCompletableFuture().get(9, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("shutdown did not finish cleanly: {}", e.getClass().getSimpleName());
      }
    }, "bluelink-shutdown"));
    app.start().onFailure(e -> {
      log.error("start-up failed: {}", e.getMessage());
      System.exit(1);
    });
  }

  /** The few command-line options; everything else is configuration. */
  record CommandLine(Path configFile, boolean explicitConfig, boolean demo, String error) {
    static CommandLine parse(String[] args) {
      Path file = Path.of(ConfigLoader.DEFAULT_FILE);
      boolean explicit = false;
      boolean demo = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--demo" -> demo = true;
          case "--config" -> {
            if (i + 1 >= args.length) {
              return new CommandLine(file, false, demo, "--config needs a file name");
            }
            file = Path.of(args[++i]);
            explicit = true;
          }
          default -> {
            return new CommandLine(file, false, demo, "unknown option " + args[i]);
          }
        }
      }
      return new CommandLine(file, explicit, demo, null);
    }
  }
}
