package io.viewercounts.bench.report;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** The two charts a scenario can have, as inline SVG. */
final class Charts {

  /** The percentile axis spans four nines: 1/(1-p) from 1 to 10^4, on a log scale. */
  private static final List<String> NINES = List.of("0%", "90%", "99%", "99.9%", "99.99%");

  private Charts() {}

  /**
   * Latency by percentile, as HdrHistogram plots it: the x axis stretches the tail so 99% and
   * 99.99% are as far apart as 0% and 90%; percentiles past the last label sit on the right edge.
   */
  static String latency(String label, Histogram micros) {
    List<PercentilePoint> distribution = PercentilePoint.distribution(micros);
    Axis y = Axis.upTo(LatencySummary.millis(micros.getMaxValue()), 5);
    SvgChart chart = new SvgChart(label + " latency by percentile", "percentile", y, "ms");
    int decades = NINES.size() - 1;
    for (int decade = 0; decade <= decades; decade++) {
      chart.xTick((double) decade / decades, NINES.get(decade));
    }
    List<double[]> points = new ArrayList<>();
    for (PercentilePoint point : distribution) {
      double nines = Math.log10(1 / (1 - point.percentile() / 100));
      points.add(new double[] {Math.min(1, nines / decades), y.fraction(point.valueMs())});
    }
    return chart.line(points).toSvg();
  }

  /** Messages clients received in each second of the run; second n is plotted at x = n. */
  static String delivered(List<Long> perSecond) {
    Axis x = Axis.upTo(perSecond.size(), 6);
    Axis y = Axis.upTo(perSecond.stream().mapToLong(Long::longValue).max().orElse(0), 5);
    SvgChart chart =
        new SvgChart("Delivered messages per second", "second of the run", y, "messages/s");
    x.ticks().forEach(tick -> chart.xTick(x.fraction(tick), x.label(tick)));
    List<double[]> points = new ArrayList<>();
    for (int second = 1; second <= perSecond.size(); second++) {
      points.add(new double[] {x.fraction(second), y.fraction(perSecond.get(second - 1))});
    }
    return chart.line(points).toSvg();
  }
}
