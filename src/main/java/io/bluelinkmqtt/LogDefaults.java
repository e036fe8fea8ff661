package io.bluelinkmqtt;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * Logback's configuration until the bridge's own is read ({@link Logging#apply} then sets level and format): JSON
 * on the console, INFO, and the chatty libraries turned down. Found by logback through the service loader, in place
 * of a {@code logback.xml}, whose parsing alone loads some 300 classes (an XML parser and logback's Joran) and
 * costs a start ~0.1 s (docs/benchmarks.md). A {@code logback.configurationFile} or a {@code logback-test.xml}
 * still wins: then logback's own configurators read it.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogDefaults extends ContextAwareBase implements Configurator {

  /** Loggers that would otherwise say too much at INFO. */
  static final Map<String, Level> QUIET = Map.of(
      "io.netty", Level.WARN,
      // it logs every failed connect attempt at ERROR with a stack trace; the bridge logs its own throttled line
      "io.vertx.mqtt.impl.MqttClientImpl", Level.OFF,
      // the demo's embedded broker (HiveMQ) tells a lot at INFO; the demo logs what matters itself
      "com.hivemq", Level.WARN,
      "migrations", Level.WARN,
      "oshi", Level.ERROR,
      "jetbrains.exodus", Level.WARN);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    return configure(context, System.getProperty("logback.configurationFile") != null
        || LogDefaults.class.getClassLoader().getResource("logback-test.xml") != null);
  }

  ExecutionStatus configure(LoggerContext context, boolean logbackFileGiven) {
    if (logbackFileGiven) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(Logging.console(context, "json"));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
