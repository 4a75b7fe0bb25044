package io.viewercounts.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A linear axis from zero to a round number at or past the largest value, with ticks at a round
 * step: 1, 2 or 5 times a power of ten, so a reader can interpolate between them.
 */
record Axis(double max, double step) {

  private static final double[] ROUND_STEPS = {1, 2, 5, 10};

  /**
   * The finest round step that reaches {@code largest} in at most {@code ticks} + 1 steps; an
   * empty or all-zero series still gets an axis from 0 to 1.
   */
  static Axis upTo(double largest, int ticks) {
    double span = largest > 0 ? largest : 1;
    double magnitude = Math.pow(10, Math.floor(Math.log10(span / ticks)));
    double step = magnitude;
    for (double round : ROUND_STEPS) {
      step = round * magnitude;
      if (steps(span, step) <= ticks + 1) {
        break;
      }
    }
    return new Axis(steps(span, step) * step, step);
  }

  /** The small slack keeps 0.3 / 0.1 from rounding up to a fourth step. */
  private static double steps(double span, double step) {
    return Math.max(1, Math.ceil(span / step - 1e-9));
  }

  List<Double> ticks() {
    return IntStream.rangeClosed(0, (int) Math.round(max / step))
        .mapToObj(index -> index * step)
        .toList();
  }

  /** Where {@code value} falls, from 0 at the bottom (or left) to 1 at the top (or right). */
  double fraction(double value) {
    return value / max;
  }

  /** As many decimals as the step needs: 0.25 → "0.25"; 20000 → "20,000". */
  String label(double tick) {
    int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
    return String.format(Locale.ROOT, "%,." + decimals + "f", tick);
  }
}
