package io.viewercounts.bench.report;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** One step of a latency distribution: the value (ms) that {@code percentile}% stay at or under. */
record PercentilePoint(double percentile, double valueMs) {

  /** The steps HdrHistogram's own percentile output prints: 5 per halving of the way to 100%. */
  static final int TICKS_PER_HALF_DISTANCE = 5;

  static List<PercentilePoint> distribution(Histogram micros) {
    List<PercentilePoint> points = new ArrayList<>();
    // The iterator hands back one reused value object, so copy each step out as it comes.
    for (HistogramIterationValue step : micros.percentiles(TICKS_PER_HALF_DISTANCE)) {
      points.add(new PercentilePoint(
          step.getPercentileLevelIteratedTo(), LatencySummary.millis(step.getValueIteratedTo())));
    }
    return points;
  }
}
