package io.viewercounts.bench.scenario;

import io.viewercounts.bench.report.Figure;
import io.viewercounts.bench.report.ScenarioResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Collects what a scenario measured into its {@link ScenarioResult}. */
final class ResultBuilder {

  private final String id;
  private final String title;
  private final Map<String, String> parameters = new LinkedHashMap<>();
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private Histogram latency;
  private String latencyLabel;
  private List<Long> deliveredPerSecond = List.of();

  ResultBuilder(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** A histogram of microseconds, up to a minute, three significant digits. */
  static Histogram microsHistogram() {
    return new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
  }

  /** Nanoseconds to whole microseconds, never below 0: a latency for a histogram. */
  static long micros(long nanos) {
    return TimeUnit.NANOSECONDS.toMicros(Math.max(0, nanos));
  }

  ResultBuilder parameter(String name, Object value) {
    parameters.put(name, String.valueOf(value));
    return this;
  }

  ResultBuilder figure(String key, String label, double value, String unit) {
    figures.add(Figure.of(key, label, value, unit));
    return this;
  }

  ResultBuilder figure(String key, String label, double value, String unit, Figure.Target target) {
    figures.add(new Figure(key, label, value, unit, target));
    return this;
  }

  /** p50, p99 and max of {@code micros} as figures in ms, with targets for p50 and p99 if given. */
  ResultBuilder percentiles(
      String key, String label, Histogram micros, Figure.Target p50, Figure.Target p99) {
    figure(key + "_p50_ms", label + ", p50", millis(micros, 50), "ms", p50);
    figure(key + "_p99_ms", label + ", p99", millis(micros, 99), "ms", p99);
    figure(key + "_max_ms", label + ", max", micros.getMaxValue() / 1000.0, "ms");
    return this;
  }

  ResultBuilder latency(Histogram micros, String label) {
    this.latency = micros;
    this.latencyLabel = label;
    return this;
  }

  ResultBuilder deliveredPerSecond(List<Long> perSecond) {
    this.deliveredPerSecond = perSecond;
    return this;
  }

  /** Fails the scenario when fewer than {@code wanted} clients could connect. */
  ResultBuilder connected(int opened, int wanted) {
    return opened < wanted
        ? fail("only " + opened + " of " + wanted + " clients could connect")
        : this;
  }

  ResultBuilder fail(String failure) {
    failures.add(failure);
    return this;
  }

  ResultBuilder failAll(List<String> more) {
    failures.addAll(more);
    return this;
  }

  ResultBuilder note(String note) {
    notes.add(note);
    return this;
  }

  ScenarioResult build() {
    return new ScenarioResult(id, title, parameters, figures, failures, latency, latencyLabel,
        deliveredPerSecond, notes);
  }

  private static double millis(Histogram micros, double percentile) {
    return micros.getValueAtPercentile(percentile) / 1000.0;
  }
}
