package io.bluelinkmqtt.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a batch of nanosecond samples, printed in milliseconds. */
final class Percentiles {

  private final long[] sorted;

  Percentiles(long[] samples) {
    this.sorted = samples.clone();
    Arrays.sort(sorted);
  }

  int count() {
    return sorted.length;
  }

  /** Nearest-rank percentile in nanoseconds; 0 for an empty batch. */
  long at(double percent) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  long max() {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
  }

  double meanNanos() {
    if (sorted.length == 0) {
      return 0;
    }
    double sum = 0;
    for (long v : sorted) {
      sum += v;
    }
    return sum / sorted.length;
  }

  static String ms(long nanos) {
    return String.format("%.3f", nanos / 1_000_000.0);
  }

  /** "p50 / p95 / p99 / max (n)" in ms. */
  String summary() {
    if (sorted.length == 0) {
      return "n/a (no samples)";
    }
    return ms(at(50)) + " / " + ms(at(95)) + " / " + ms(at(99)) + " / " + ms(max()) + " ms  (n=" + sorted.length
        + ", mean " + ms((long) meanNanos()) + ")";
  }
}
