package io.bluelinkmqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class LoggingTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"json", "text"})
  @DisplayName("a URL's credentials never reach a log line, in the message or in a stack trace")
  void urlCredentialsAreRedacted(String format) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Encoder<ILoggingEvent> encoder = Logging.encoder(context, format);
    ch.qos.logback.classic.Logger logger = context.getLogger("test");
    LoggingEvent event = new LoggingEvent("x", logger, Level.INFO, "car cloud client ready: ccapi {}",
        new IllegalStateException("cannot reach https://bob:s3cret-pw@proxy.example.net/x"),
        new Object[] {"http://alice:pa55-word@host:8080/api"});
    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
    assertFalse(line.contains("pa55-word"), line);
    assertFalse(line.contains("alice"), line);
    assertFalse(line.contains("s3cret-pw"), line);
    assertTrue(line.contains("ccapi http://***@host:8080/api"), line);
    assertTrue(line.contains("https://***@proxy.example.net/x"), line);
  }

  @org.junit.jupiter.api.Test
  @DisplayName("the defaults before the config is read: JSON with URL credentials redacted, INFO, chatty libraries "
      + "turned down; a logback file given wins and changes nothing")
  void defaultsWithoutALogbackFile() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, new LogDefaults().configure(context, false));
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertEquals(Level.INFO, root.getLevel());
    assertEquals(Level.OFF, context.getLogger("io.vertx.mqtt.impl.MqttClientImpl").getLevel());
    assertEquals(Level.WARN, context.getLogger("io.netty").getLevel());
    ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender("console");
    assertTrue(console.isStarted());
    LoggingEvent event = new LoggingEvent("x", root, Level.INFO, "ccapi {}", null,
        new Object[] {"http://alice:pa55-word@host:8080/api"});
    String line = new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
    assertTrue(line.startsWith("{") && line.contains("\"message\":\"ccapi http://***@host:8080/api\""), line);

    LoggerContext given = new LoggerContext();
    assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, new LogDefaults().configure(given, true));
    assertFalse(given.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext());
  }
}
