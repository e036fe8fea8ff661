package io.bluelinkmqtt;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.bluelinkmqtt.config.AppConfig.LogConfig;
import io.bluelinkmqtt.config.Urls;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;
import org.slf4j.LoggerFactory;

/**
 * Applies the configured level and format once the config is known. JSON (one object a line) is
 * the default; "text" is for people reading a terminal. Secrets cannot reach a log line: they are
 * {@code Secret}s whose {@code toString()} is masked, and no request bodies or headers are logged. Credentials
 * inside a URL ({@code http://user:pw@host}) are replaced by {@code ***} in every line, whatever logged it.
 */
final class Logging {

  private Logging() {
  }

  static void apply(LogConfig config) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(config.level(), Level.INFO));
    if (System.getProperty("logback.configurationFile") != null) {
      return; // an explicit logback file (tests, operators) wins over our format switch
    }
    root.detachAndStopAllAppenders();
    root.addAppender(console(context, config.format()));
  }

  /** The started console appender of the format ("text", else JSON). */
  static ConsoleAppender<ILoggingEvent> console(LoggerContext context, String format) {
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("console");
    appender.setEncoder(encoder(context, format));
    appender.start();
    return appender;
  }

  /** The started encoder of the format ("text", else JSON); both redact URL credentials. */
  static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
    return "text".equals(format) ? textEncoder(context) : jsonEncoder(context);
  }

  private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    MaskingJsonGeneratorDecorator masking = new MaskingJsonGeneratorDecorator();
    // every string value (message, stack trace, arguments): null leaves a value without a URL untouched
    masking.addValueMasker((json, value) -> value instanceof String text && !text.equals(Urls.redact(text))
        ? Urls.redact(text) : null);
    masking.start();
    encoder.setJsonGeneratorDecorator(masking);
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
    PatternLayout pattern = new PatternLayout();
    pattern.setContext(context);
    pattern.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
    pattern.start();
    RedactingLayout layout = new RedactingLayout(pattern);
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    return encoder;
  }

  /** A layout's whole line, message and stack trace, with URL credentials redacted. */
  private static final class RedactingLayout extends LayoutBase<ILoggingEvent> {
    private final PatternLayout inner;

    RedactingLayout(PatternLayout inner) {
      this.inner = inner;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
      return Urls.redact(inner.doLayout(event));
    }
  }
}
