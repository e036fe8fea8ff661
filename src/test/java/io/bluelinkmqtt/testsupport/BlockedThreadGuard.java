package io.bluelinkmqtt.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails any test during which Vert.x reported a blocked event-loop or worker thread. Registered for
 * every test by auto-detection (META-INF/services), so the strict checker of
 * {@code vertx-test-options.json} turns a blocking call into a red test, not a log line.
 */
public final class BlockedThreadGuard implements BeforeEachCallback, AfterEachCallback {

  private static final String CHECKER_LOGGER = "io.vertx.core.impl.BlockedThreadChecker";
  private static final AtomicInteger WARNINGS = new AtomicInteger();
  private static volatile String lastWarning = "";
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(BlockedThreadGuard.class);

  static {
    Logger checker = (Logger) LoggerFactory.getLogger(CHECKER_LOGGER);
    AppenderBase<ILoggingEvent> counter = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        WARNINGS.incrementAndGet();
        lastWarning = event.getFormattedMessage();
      }
    };
    counter.setContext(checker.getLoggerContext());
    counter.setName("blocked-thread-guard");
    counter.start();
    checker.addAppender(counter);
  }

  /** How many blocked-thread warnings this JVM has seen; for tests of the guard itself. */
  public static int warningsSoFar() {
    return WARNINGS.get();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NS).put("before", WARNINGS.get());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Integer before = context.getStore(NS).get("before", Integer.class);
    int during = WARNINGS.get() - (before == null ? 0 : before);
    boolean expected = context.getTestMethod().map(m -> m.isAnnotationPresent(ExpectsBlockedThread.class)).orElse(false);
    if (during > 0 && !expected) {
      throw new AssertionError(during + " blocked-thread warning(s) during this test; last: " + lastWarning);
    }
  }
}
