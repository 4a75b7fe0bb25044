package io.viewercounts.bench.report;

import java.util.Locale;

/** How figures are written for people: grouped thousands, at most one decimal under 100. */
final class Numbers {

  private static final double GIB = 1024.0 * 1024 * 1024;

  private Numbers() {}

  static String format(double value) {
    if (value == Math.rint(value) || Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%,.1f", value);
  }

  /** Latencies keep two decimals under 10 ms, where a local run's percentiles mostly fall. */
  static String millis(double value) {
    return Math.abs(value) < 10 ? String.format(Locale.ROOT, "%.2f", value) : format(value);
  }

  static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
  }

  /** e.g. "42.5 s" or "12 min 05 s". */
  static String duration(double seconds) {
    if (seconds < 120) {
      return format(seconds) + " s";
    }
    long whole = Math.round(seconds);
    return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
  }
}
