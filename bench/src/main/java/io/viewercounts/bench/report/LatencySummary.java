package io.viewercounts.bench.report;

import org.HdrHistogram.Histogram;

/** The percentiles a reader asks for first, in milliseconds, of a histogram in microseconds. */
record LatencySummary(
    long count, double min, double mean, double p50, double p90, double p99, double p999,
    double max) {

  static LatencySummary of(Histogram micros) {
    return new LatencySummary(
        micros.getTotalCount(),
        millis(micros.getMinValue()),
        Math.round(micros.getMean()) / 1000.0,
        millis(micros.getValueAtPercentile(50)),
        millis(micros.getValueAtPercentile(90)),
        millis(micros.getValueAtPercentile(99)),
        millis(micros.getValueAtPercentile(99.9)),
        millis(micros.getMaxValue()));
  }

  static double millis(long micros) {
    return micros / 1000.0;
  }
}
