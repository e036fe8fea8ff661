package io.bluelinkmqtt.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Statistics of the measured commands of one load phase, and their printout. */
final class RunReport {

  final int sent;
  final int answered;
  final int backlogAtSendEnd;
  final double achievedPerSecond;
  final double targetRate;
  final Map<String, Integer> byStatus = new TreeMap<>();
  final Map<String, Integer> byDataSource = new TreeMap<>();
  final Map<String, Integer> warmupByStatus = new TreeMap<>();
  final Percentiles toResult;
  final Percentiles toLastTopic;
  final Percentiles overhead;
  final Percentiles overheadLastTopic;
  final Percentiles simPerCommand;
  final Percentiles bridgeDuration;
  final Percentiles brokerBaseline;
  final double topicsPerCommand;
  final double upstreamCallsPerCommand;
  final double simCallsPerCommand;

  RunReport(Ledger ledger, double targetRate, long sendEndNanos) {
    this.targetRate = targetRate;
    List<Command> measured = ledger.commands.values().stream().filter(c -> c.measured).toList();
    ledger.commands.values().stream().filter(c -> !c.measured)
        .forEach(c -> warmupByStatus.merge(c.status == null ? "(no result)" : c.status, 1, Integer::sum));
    sent = measured.size();
    List<Long> result = new ArrayList<>();
    List<Long> last = new ArrayList<>();
    List<Long> over = new ArrayList<>();
    List<Long> overLast = new ArrayList<>();
    List<Long> sim = new ArrayList<>();
    List<Long> duration = new ArrayList<>();
    long firstSent = Long.MAX_VALUE;
    long lastAnswer = Long.MIN_VALUE;
    int backlog = 0;
    long topics = 0;
    long upstream = 0;
    long simCalls = 0;
    int ok = 0;
    for (Command c : measured) {
      firstSent = Math.min(firstSent, c.sentNanos);
      if (c.resultNanos == 0 || c.resultNanos > sendEndNanos) {
        backlog++;
      }
      if (c.resultNanos == 0) {
        byStatus.merge("(no result)", 1, Integer::sum);
        continue;
      }
      ok++;
      lastAnswer = Math.max(lastAnswer, c.resultNanos);
      byStatus.merge(c.status, 1, Integer::sum);
      byDataSource.merge(String.valueOf(c.dataSource), 1, Integer::sum);
      long e2e = c.resultNanos - c.sentNanos;
      long lastTopic = Math.max(c.lastTopicNanos, c.resultNanos) - c.sentNanos;
      result.add(e2e);
      last.add(lastTopic);
      over.add(e2e - c.simNanos.get());
      overLast.add(lastTopic - c.simNanos.get());
      sim.add(c.simNanos.get());
      if (c.bridgeDurationMs >= 0) {
        duration.add(c.bridgeDurationMs * 1_000_000L);
      }
      topics += c.topics;
      upstream += c.upstreamCalls;
      simCalls += c.simCalls.get();
    }
    answered = ok;
    backlogAtSendEnd = backlog;
    achievedPerSecond = ok < 2 ? 0 : ok / ((lastAnswer - firstSent) / 1e9);
    toResult = new Percentiles(toArray(result));
    toLastTopic = new Percentiles(toArray(last));
    overhead = new Percentiles(toArray(over));
    overheadLastTopic = new Percentiles(toArray(overLast));
    simPerCommand = new Percentiles(toArray(sim));
    bridgeDuration = new Percentiles(toArray(duration));
    brokerBaseline = new Percentiles(ledger.brokerRoundTrips.stream().mapToLong(Long::longValue).toArray());
    topicsPerCommand = ok == 0 ? 0 : (double) topics / ok;
    upstreamCallsPerCommand = ok == 0 ? 0 : (double) upstream / ok;
    simCallsPerCommand = ok == 0 ? 0 : (double) simCalls / ok;
  }

  private static long[] toArray(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  /** Kept up: at most 1 % of the measured commands unanswered when sending stopped, none lost, none failed. */
  boolean keptUp() {
    int good = byStatus.getOrDefault("ok", 0) + byStatus.getOrDefault("coalesced", 0);
    return sent > 0 && backlogAtSendEnd <= sent / 100 && answered == sent && good == sent;
  }

  void print(StringBuilder out) {
    line(out, "measured commands sent", sent + " (target " + fmt(targetRate) + "/s)");
    line(out, "answered", answered + ", backlog when sending stopped " + backlogAtSendEnd);
    line(out, "achieved commands/s", fmt(achievedPerSecond));
    line(out, "outcomes by status", byStatus.toString());
    line(out, "data_source", byDataSource.toString());
    line(out, "warm-up outcomes (not measured)", warmupByStatus.toString());
    line(out, "command -> result", toResult.summary());
    line(out, "command -> last topic", toLastTopic.summary());
    line(out, "bridge overhead (result - sim)", overhead.summary());
    line(out, "overhead (last topic - sim)", overheadLastTopic.summary());
    line(out, "simulator time per command", simPerCommand.summary());
    line(out, "bridge duration_ms field", bridgeDuration.summary());
    line(out, "broker baseline (ping RTT)", brokerBaseline.summary());
    line(out, "topics per command", fmt(topicsPerCommand));
    line(out, "upstream calls per command", "bridge says " + fmt(upstreamCallsPerCommand) + ", simulator saw "
        + fmt(simCallsPerCommand) + " (attributed)");
  }

  static void line(StringBuilder out, String key, Object value) {
    out.append(String.format("  %-32s %s%n", key + ":", value));
  }

  static String fmt(double v) {
    return String.format("%.1f", v);
  }
}
