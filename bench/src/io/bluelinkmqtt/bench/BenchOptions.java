package io.bluelinkmqtt.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Command-line options of {@link BridgeBenchmark}; see bench/run.sh for the user-facing form. */
record BenchOptions(int brokerPort, long brokerPid, Path jar, int vehicles, double rate, int durationSeconds,
                    int warmupSeconds, String mode, boolean maxRate, List<Double> maxRateSteps, int qos,
                    boolean allTopics, boolean haDiscovery, List<String> heapFlags, Path jfrFile, String base,
                    boolean footprint, Path baselineJar, Path bridgeJava, int footprintReads,
                    List<String> baselineFlags) {

  /**
   * The bridge runs in a scratch directory, so an options file ({@code @conf/jvm.options}) is read here, as a launch
   * from this directory would read it: its own relative paths (the class archive's) resolved against this one.
   */
  private static List<String> expandArgFile(String flag) {
    if (!flag.startsWith("@")) {
      return List.of(flag);
    }
    try {
      List<String> flags = new ArrayList<>();
      for (String line : Files.readAllLines(Path.of(flag.substring(1)))) {
        String option = line.strip();
        if (option.isEmpty() || option.startsWith("#")) {
          continue;
        }
        flags.add(option.startsWith(ARCHIVE) ? ARCHIVE + Path.of(option.substring(ARCHIVE.length())).toAbsolutePath()
            : option);
      }
      return flags;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String ARCHIVE = "-XX:SharedArchiveFile=";

  private static List<String> expandArgFiles(List<String> flags) {
    return flags.stream().flatMap(f -> expandArgFile(f).stream()).collect(Collectors.toCollection(ArrayList::new));
  }

  static BenchOptions parse(String[] args) {
    int brokerPort = -1;
    long brokerPid = -1;
    Path jar = Path.of("target/bluelink-mqtt.jar");
    int vehicles = 10;
    double rate = 50;
    int duration = 30;
    int warmup = 5;
    String mode = "cached";
    boolean maxRate = false;
    List<Double> steps = List.of(250.0, 500.0, 1000.0, 1500.0, 2000.0, 3000.0, 4000.0, 5000.0, 6000.0, 8000.0);
    int qos = 1;
    String topics = null;
    boolean ha = false;
    List<String> heap = new ArrayList<>();
    Path jfr = null;
    boolean footprint = false;
    Path baselineJar = null;
    Path bridgeJava = Path.of(System.getProperty("java.home"), "bin", "java");
    int reads = 200;
    List<String> baselineFlags = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--broker-port" -> brokerPort = Integer.parseInt(args[++i]);
        case "--broker-pid" -> brokerPid = Long.parseLong(args[++i]);
        case "--jar" -> jar = Path.of(args[++i]);
        case "--vehicles" -> vehicles = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Double.parseDouble(args[++i]);
        case "--duration" -> duration = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--mode" -> mode = args[++i];
        case "--max-rate" -> maxRate = true;
        case "--steps" -> steps = Arrays.stream(args[++i].split(",")).map(Double::parseDouble).toList();
        case "--qos" -> qos = Integer.parseInt(args[++i]);
        case "--topics" -> topics = args[++i];
        case "--ha-discovery" -> ha = true;
        case "--bridge-jvm" -> heap.addAll(Arrays.asList(args[++i].trim().split("\\s+")));
        case "--jfr" -> jfr = Path.of(args[++i]);
        case "--footprint" -> footprint = true;
        case "--baseline-jar" -> baselineJar = Path.of(args[++i]);
        case "--bridge-java" -> bridgeJava = Path.of(args[++i]);
        case "--reads" -> reads = Integer.parseInt(args[++i]);
        case "--baseline-jvm" -> baselineFlags = new ArrayList<>(Arrays.asList(args[++i].trim().split("\\s+")));
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (brokerPort <= 0) {
      throw new IllegalArgumentException("--broker-port is required");
    }
    if (vehicles < 1 || vehicles > 10_000) {
      throw new IllegalArgumentException("--vehicles must be 1..10000");
    }
    if (!List.of("cached", "force", "smart").contains(mode)) {
      throw new IllegalArgumentException("--mode must be cached, force or smart");
    }
    if (rate <= 0 || duration < 1 || duration > 600 || warmup < 0 || warmup > 120) {
      throw new IllegalArgumentException("--rate > 0, --duration 1..600, --warmup 0..120");
    }
    if (footprint) {
      vehicles = 2;
    }
    boolean all = footprint || (topics == null ? !maxRate : topics.equals("all"));
    heap.removeIf(String::isEmpty);
    // the bridge runs in a temp dir: a java @argument file (e.g. @conf/jvm.options) is named from here
    heap = expandArgFiles(heap);
    if (baselineFlags != null) {
      baselineFlags = expandArgFiles(baselineFlags);
    }
    return new BenchOptions(brokerPort, brokerPid, jar, vehicles, rate, duration, warmup, mode, maxRate, steps, qos,
        all, ha, List.copyOf(heap), jfr, "hyundai",
        footprint, baselineJar, bridgeJava, reads,
        baselineFlags == null ? List.copyOf(heap) : baselineFlags.stream().filter(f -> !f.isEmpty()).toList());
  }
}
