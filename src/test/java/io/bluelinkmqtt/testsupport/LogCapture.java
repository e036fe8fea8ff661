package io.bluelinkmqtt.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * An in-memory Logback appender on the root logger, for asserting what was (or was not) logged:
 * warnings once, secrets never. {@link #text()} includes exception messages and stack causes, as
 * they would appear in a log file.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

  private LogCapture() {
  }

  /** Attaches a new capture to the root logger. */
  public static LogCapture attach() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    LogCapture capture = new LogCapture();
    capture.setContext(context);
    capture.setName("capture-" + System.identityHashCode(capture));
    capture.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(capture);
    return capture;
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    events.add(event);
  }

  public List<ILoggingEvent> events() {
    return List.copyOf(events);
  }

  /** Formatted messages (level, logger, message) of events whose formatted message contains {@code needle}. */
  public List<String> lines(String needle) {
    return events.stream().map(LogCapture::render).filter(line -> line.contains(needle)).toList();
  }

  /** Number of events at {@code level} (e.g. "WARN") whose message contains {@code needle}. */
  public long count(String level, String needle) {
    return events.stream()
        .filter(e -> e.getLevel().toString().equals(level) && e.getFormattedMessage().contains(needle))
        .count();
  }

  /** Everything captured as one text, throwables included. */
  public String text() {
    StringBuilder all = new StringBuilder();
    events.forEach(e -> all.append(render(e)).append('\n'));
    return all.toString();
  }

  private static String render(ILoggingEvent e) {
    StringBuilder line = new StringBuilder(e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage());
    for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
      line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
    }
    return line.toString();
  }

  public void clear() {
    events.clear();
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(this);
    stop();
  }
}
