package io.bluelinkmqtt;

import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.cluster.ClusterNode;
import io.bluelinkmqtt.cluster.HazelcastNode;
import io.bluelinkmqtt.config.Accounts;
import io.bluelinkmqtt.config.ClusterConfig;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigException;
import io.bluelinkmqtt.config.ConfigLoader;
import io.bluelinkmqtt.config.ConfigParser;
import io.bluelinkmqtt.config.EventBusBridgeConfig;
import io.bluelinkmqtt.config.HttpConfig;
import io.bluelinkmqtt.demo.DemoMode;
import io.bluelinkmqtt.http.BridgeMetrics;
import io.bluelinkmqtt.state.StateDirException;
import io.bluelinkmqtt.state.StateDirGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Loads the configuration, claims the state dir and deploys the bridge; nothing else. Exit code 2 means "fix the
 * configuration" (or the state dir: not writable, or used by another bridge).
 */
public final class Main {

  static final int EXIT_BAD_CONFIG = 2;
  /** Held until the process ends: the lock on the state dir lives as long as this reference. */
  private static StateDirGuard stateDirGuard;
  static final String USAGE = """
      usage: java -jar bluelink-mqtt.jar [--config <file>] [--demo] [--cluster [--roles <list>]] [--help]
             java -jar bluelink-mqtt.jar --make-class-archive <file>
        --config <file>  read this config file instead of conf/config.json (it must exist)
        --demo           run against the built-in car simulator, even with an account configured
        --cluster        join the cluster of cluster.members (Hazelcast); see docs/deployment.md
        --roles <list>   what this cluster node runs: front, api or front,api (the default)
        --help           print this and exit
        --make-class-archive <file>  write the class archive conf/jvm.options maps (a training run of the
                         demo; mvn package makes target/bluelink-mqtt.jsa) and exit
      Settings come from the config file and environment variables; see README.md (Configuration).""";

  private Main() {
  }

  public static void main(String[] args) {
    RuntimeFootprint.applyNettyDefaults();
    CommandLine cli = CommandLine.parse(args);
    if (cli.help()) {
      System.out.println(USAGE);
      System.exit(0);
    }
    if (cli.error() != null) {
      System.err.println("bluelink-mqtt: " + cli.error());
      System.err.println(USAGE);
      System.exit(EXIT_BAD_CONFIG);
    }
    if (cli.makeClassArchive() != null) {
      System.exit(makeClassArchive(cli.makeClassArchive()));
    }
    BridgeMetrics metrics = BridgeMetrics.create();
    Vertx vertx = metrics.newVertx();
    AppConfig config;
    HttpConfig http;
    EventBusBridgeConfig eventBusBridges;
    Accounts accounts;
    ClusterConfig cluster;
    boolean brokerHostConfigured;
    try {
      ConfigLoader.RawConfig raw = ConfigLoader.read(vertx, cli.configFile(), cli.explicitConfig(),
          CloudModules.supported()).await();
      brokerHostConfigured = raw.env().containsKey("MQTT_BROKER_HOST");
      config = ConfigLoader.parse(raw, cli.demo() || cli.classArchiveRun(), CloudModules.supported());
      http = HttpConfig.parse(raw.file(), raw.env(), ConfigLoader::readSecretFile);
      eventBusBridges = EventBusBridgeConfig.parse(raw.file(), raw.env(), ConfigLoader::readSecretFile);
      accounts = ConfigLoader.parseAccounts(raw, config, CloudModules.supported());
      cluster = ClusterConfig.parse(raw.file(), raw.env(), cli.cluster(), cli.roles());
      if (cli.roles() != null && !cluster.enabled()) {
        throw new ConfigException(List.of("--roles: only a cluster node has roles; add --cluster (or "
            + "cluster.enabled)"));
      }
      if (cluster.enabled() && config.demo()) {
        throw new ConfigException(List.of("cluster: demo mode runs in one process; configure an account (or leave "
            + "--cluster / cluster.enabled off)"));
      }
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
    try {
      // the demo keeps its state in a fresh temp dir of its own, which no other bridge can share
      stateDirGuard = config.demo() ? null : StateDirGuard.claim(config.api().stateDir());
    } catch (StateDirException e) {
      System.err.println("bluelink-mqtt: " + e.getMessage() + "; nothing was started.");
      vertx.close();
      System.exit(EXIT_BAD_CONFIG);
      return;
    }
    Logging.apply(config.logging());
    Logger log = LoggerFactory.getLogger(Main.class);
    ConfigParser.warnings(config).forEach(warning -> log.warn("configuration: {}", warning));
    DemoMode demo = null;
    if (config.demo()) {
      log.info("no account configured (or --demo): starting demo mode with the built-in simulator");
      DemoMode.Started started;
      try {
        started = DemoMode.start(vertx, config, brokerHostConfigured).await();
      } catch (RuntimeException e) {
        log.error("demo mode could not start: {}", e.toString());
        System.exit(1);
        return;
      }
      demo = started.demo();
      config = started.config();
    }
    ClusterNode node = null;
    if (cluster.enabled()) {
      try {
        HazelcastNode.Started joined = HazelcastNode.start(cluster).await();
        vertx.close();
        vertx = joined.vertx();
        node = joined.node();
        accounts = clustered(accounts);
        log.info("joined the cluster on {}:{} with roles {} (members {}, quorum {})", cluster.host(), cluster.port(),
            cluster.roles(), cluster.members(), cluster.quorum());
      } catch (RuntimeException e) {
        log.error("cannot join the cluster: {}", e.toString());
        System.exit(1);
        return;
      }
    }
    BridgeApplication app = new BridgeApplication(vertx, config, accounts, http, metrics.registry(), node,
        eventBusBridges);
    DemoMode demoToStop = demo;
    Vertx running = vertx;
    GracefulStop stop = new GracefulStop(() -> app.stop()
        .compose(v -> demoToStop == null ? Future.<Void>succeededFuture() : demoToStop.stop())
        .eventually(running::close));
    Runtime.getRuntime().addShutdownHook(new Thread(stop::runBounded, "bluelink-shutdown"));
    stop.exitOnSignals("TERM", "INT");
    if (cli.classArchiveRun()) {
      ClassArchiveRun.stopWhenEveryCarIsRead(running, demo.vehicleCount(), stop);
    }
    app.start().onFailure(e -> {
      log.error("start-up failed: {}", e.getMessage());
      System.exit(1);
    });
  }

  private static int makeClassArchive(Path archive) {
    try {
      return ClassArchiveRun.make(archive);
    } catch (IOException e) {
      System.err.println("bluelink-mqtt: cannot run the class archive's training run: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** Clustered, even the single account has an id and a state sub-directory: its seat moves between nodes. */
  private static Accounts clustered(Accounts accounts) {
    if (!accounts.classic()) {
      return accounts;
    }
    Accounts.Account only = accounts.first();
    return new Accounts(List.of(new Accounts.Account(only.id(), only.account(),
        only.api().withStateDir(only.api().stateDir().resolve(only.id())), only.stewardship())), false);
  }

  /**
   * The one graceful stop, shared by the signal handlers and the shutdown hook (which still covers
   * other exits, e.g. {@code System.exit} after a failed start). The JVM's own SIGTERM handling ends
   * with exit code 143; by handling TERM and INT ourselves we stop gracefully and exit 0, as a service
   * manager expects from a clean stop. The stop is bounded: Command's grace (5 s) plus the rest fits
   * in {@link #STOP_BOUND_SECONDS}, so the process is gone within 10 s of the signal.
   */
  static final class GracefulStop {

    static final long STOP_BOUND_SECONDS = 9;
    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    private final Supplier<Future<?>> action;
    private CompletableFuture<?> running;

    GracefulStop(Supplier<Future<?>> action) {
      this.action = action;
    }

    /** Starts the stop once; later callers get the same future. */
    synchronized CompletableFuture<?> start() {
      if (running == null) {
        running = action.get().toCompletionStage().toCompletableFuture();
      }
      return running;
    }

    /** Runs the stop (or joins the one under way) and waits for it; true when it finished cleanly within the bound. */
    boolean runBounded() {
      long started = System.nanoTime();
      boolean first;
      synchronized (this) {
        first = running == null;
      }
      try {
        start().get(STOP_BOUND_SECONDS, TimeUnit.SECONDS);
        if (first) {
          LOG.info("stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException | TimeoutException | RuntimeException | LinkageError e) {
        // whatever went wrong, the caller must still exit: a signal that leaves the process running is worse
        LOG.warn("shutdown did not finish cleanly within {} s: {}", STOP_BOUND_SECONDS, e.toString());
        return false;
      }
    }

    /** On each named signal: stop gracefully, then exit 0 (1 when the stop failed or overran its bound). */
    void exitOnSignals(String... names) {
      for (String name : names) {
        Signal.handle(new Signal(name), signal -> {
          LOG.info("SIG{} received: stopping", signal.getName());
          System.exit(runBounded() ? 0 : 1);
        });
      }
    }
  }

  /** The few command-line options; everything else is configuration. */
  record CommandLine(Path configFile, boolean explicitConfig, boolean demo, boolean help, String error,
                     boolean cluster, String roles, boolean classArchiveRun, Path makeClassArchive) {
    CommandLine(Path configFile, boolean explicitConfig, boolean demo, boolean help, String error) {
      this(configFile, explicitConfig, demo, help, error, false, null, false, null);
    }

    static CommandLine parse(String[] args) {
      Path file = Path.of(ConfigLoader.DEFAULT_FILE);
      boolean explicit = false;
      boolean demo = false;
      boolean cluster = false;
      boolean classArchiveRun = false;
      Path makeClassArchive = null;
      String roles = null;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--demo" -> demo = true;
          case "--cluster" -> cluster = true;
          case "--class-archive-run" -> classArchiveRun = true;
          case "--help", "-h" -> {
            return new CommandLine(file, false, demo, true, null);
          }
          case "--config" -> {
            if (i + 1 >= args.length) {
              return new CommandLine(file, false, demo, false, "--config needs a file name");
            }
            file = Path.of(args[++i]);
            explicit = true;
          }
          case "--make-class-archive" -> {
            if (i + 1 >= args.length) {
              return new CommandLine(file, false, demo, false, "--make-class-archive needs a file name");
            }
            makeClassArchive = Path.of(args[++i]);
          }
          case "--roles" -> {
            if (i + 1 >= args.length) {
              return new CommandLine(file, false, demo, false, "--roles needs a list (front, api)");
            }
            roles = args[++i];
          }
          default -> {
            return new CommandLine(file, false, demo, false, "unknown option " + args[i]);
          }
        }
      }
      return new CommandLine(file, explicit, demo, false, null, cluster, roles, classArchiveRun, makeClassArchive);
    }
  }
}
