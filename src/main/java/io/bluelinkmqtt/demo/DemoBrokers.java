package io.bluelinkmqtt.demo;

import io.bluelinkmqtt.config.BridgeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Starts the demo's embedded broker. Its classes (HiveMQ and what it needs: ~20 000 files) are not in the bridge's
 * jar but in {@value #DIRECTORY}/ beside it ({@code mvn package} puts them there), so a bridge that never runs the
 * demo never opens them: a jar's directory is kept on the heap while it is open, and theirs alone is ~3 MiB
 * (docs/benchmarks.md). Where HiveMQ is on the class path anyway (tests, an IDE), that copy is used.
 */
final class DemoBrokers {

  /** Beside the bridge's jar: the jars of the embedded broker. */
  static final String DIRECTORY = "demo-broker";
  /** The one class of ours that uses HiveMQ; it must be defined next to HiveMQ's classes to link against them. */
  static final String IMPLEMENTATION = "io.bluelinkmqtt.demo.broker.EmbeddedBroker";
  private static final String HIVEMQ_CLASS = "com/hivemq/embedded/EmbeddedHiveMQ.class";

  private DemoBrokers() {
  }

  /** Blocks (seconds): call it from a worker. */
  static DemoBroker start(int preferredPort) throws IOException {
    ClassLoader loader = loader();
    try {
      Class<?> implementation = Class.forName(IMPLEMENTATION, true, loader);
      DemoBroker broker = inContext(loader, () -> (DemoBroker) implementation.getMethod("start", int.class)
          .invoke(null, preferredPort));
      return new InContext(broker, loader);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException("the embedded MQTT broker did not start", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IOException("the embedded MQTT broker cannot be loaded", e);
    }
  }

  /** What HiveMQ's libraries look up (JAXB's factory, for one) they find through the thread's context loader. */
  private static <T> T inContext(ClassLoader loader, Action<T> action) throws ReflectiveOperationException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return action.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private interface Action<T> {
    T run() throws ReflectiveOperationException;
  }

  /** The broker, stopped with its own class loader as the context loader too. */
  private record InContext(DemoBroker broker, ClassLoader loader) implements DemoBroker {

    @Override
    public String host() {
      return broker.host();
    }

    @Override
    public int port() {
      return broker.port();
    }

    @Override
    public void close() {
      try {
        inContext(loader, () -> {
          broker.close();
          return null;
        });
      } catch (ReflectiveOperationException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }

  private static ClassLoader loader() throws IOException {
    ClassLoader bridge = DemoBrokers.class.getClassLoader();
    if (bridge.getResource(HIVEMQ_CLASS) != null) {
      return bridge;
    }
    Path directory = jarDirectory().resolve(DIRECTORY);
    URL[] jars;
    try (Stream<Path> files = Files.list(directory)) {
      jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().map(DemoBrokers::url)
          .toArray(URL[]::new);
    } catch (IOException | UncheckedIOException e) {
      jars = new URL[0];
    }
    if (jars.length == 0) {
      throw new IOException("demo mode needs its embedded MQTT broker in " + directory + " (mvn package puts it "
          + "there), or a broker named by MQTT_BROKER_HOST");
    }
    return new BrokerClassLoader(jars, bridge);
  }

  private static Path jarDirectory() throws IOException {
    Path location = BridgeInfo.codeLocation();
    return Files.isDirectory(location) ? location : location.getParent();
  }

  private static URL url(Path file) {
    try {
      return file.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parent first, as usual (the bridge's Netty, SLF4J and {@link DemoBroker} are shared), except for the broker
   * package of ours, whose classes it defines itself from the bridge's jar, so that they resolve HiveMQ here.
   */
  private static final class BrokerClassLoader extends URLClassLoader {

    private static final String OWN_PACKAGE = IMPLEMENTATION.substring(0, IMPLEMENTATION.lastIndexOf('.') + 1);

    static {
      registerAsParallelCapable();
    }

    BrokerClassLoader(URL[] jars, ClassLoader parent) {
      super("demo-broker", jars, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(OWN_PACKAGE)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          loaded = defineOwn(name);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }

    private Class<?> defineOwn(String name) throws ClassNotFoundException {
      try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
        if (in == null) {
          throw new ClassNotFoundException(name);
        }
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length, DemoBrokers.class.getProtectionDomain());
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }
}
