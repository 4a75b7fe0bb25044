package io.viewercounts.bench.report;

/**
 * One measured figure of a scenario, with the target it is held against when there is one.
 *
 * @param key stable name for the JSON file, e.g. {@code commit_to_client_p99_ms}
 * @param label what a reader sees, e.g. "COMMIT to client, p99"
 * @param value the measured value, in {@code unit}
 * @param unit e.g. {@code ms}, {@code msg/s}, {@code bytes}, {@code connections}; empty for counts
 * @param target the bound it should meet, or null when none is set
 */
public record Figure(String key, String label, double value, String unit, Target target) {

  public static Figure of(String key, String label, double value, String unit) {
    return new Figure(key, label, value, unit, null);
  }

  /** Null when the figure has no target. */
  public Boolean met() {
    return target == null ? null : target.metBy(value);
  }

  /**
   * @param atMost true when the value must stay at or under {@code bound} (latencies, memory),
   *     false when it must reach at least {@code bound} (rates, connections)
   */
  public record Target(boolean atMost, double bound) {

    public static Target under(double bound) {
      return new Target(true, bound);
    }

    public static Target atLeast(double bound) {
      return new Target(false, bound);
    }

    boolean metBy(double value) {
      return atMost ? value <= bound : value >= bound;
    }

    /** e.g. "< 100" or ">= 20000". */
    public String describe() {
      return (atMost ? "< " : ">= ") + Numbers.format(bound);
    }
  }
}
