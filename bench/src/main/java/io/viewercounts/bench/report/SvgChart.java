package io.viewercounts.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * An inline SVG chart: a title, a y axis with gridlines at its ticks, x ticks placed by the caller
 * and one line through points given as fractions of the plot area (0..1 on each axis).
 */
final class SvgChart {

  private static final int WIDTH = 560;
  private static final int HEIGHT = 320;
  private static final int LEFT = 78;
  private static final int RIGHT = 24;
  private static final int TOP = 44;
  private static final int BOTTOM = 52;
  private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
  private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

  private final StringBuilder svg = new StringBuilder();

  SvgChart(String title, String xTitle, Axis y, String yTitle) {
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" class=\"chart\" "
            + "role=\"img\" aria-label=\"%s\">",
        WIDTH, HEIGHT, Html.escape(title)));
    text(LEFT, 24, "start", "chart-title", title);
    for (double tick : y.ticks()) {
      double at = y(y.fraction(tick));
      svg.append(String.format(Locale.ROOT,
          "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
          LEFT, LEFT + PLOT_WIDTH, at, at));
      text(LEFT - 8, at + 4, "end", "tick", y.label(tick));
    }
    svg.append(String.format(Locale.ROOT,
        "<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(18 %d) "
            + "rotate(-90)\">%s</text>",
        TOP + PLOT_HEIGHT / 2, Html.escape(yTitle)));
    text(LEFT + PLOT_WIDTH / 2.0, HEIGHT - 10, "middle", "axis-title", xTitle);
    svg.append(String.format(Locale.ROOT,
        "<path class=\"axis\" d=\"M%d %d V%d H%d\"/>",
        LEFT, TOP, TOP + PLOT_HEIGHT, LEFT + PLOT_WIDTH));
  }

  SvgChart xTick(double fraction, String label) {
    double at = x(fraction);
    svg.append(String.format(Locale.ROOT,
        "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>",
        at, at, TOP, TOP + PLOT_HEIGHT));
    text(at, TOP + PLOT_HEIGHT + 18, "middle", "tick", label);
    return this;
  }

  /** The line, with the area under it shaded; a single point shows as a dot. */
  SvgChart line(List<double[]> points) {
    StringBuilder path = new StringBuilder();
    for (double[] point : points) {
      path.append(path.isEmpty() ? 'M' : 'L')
          .append(String.format(Locale.ROOT, "%.1f %.1f ", x(point[0]), y(point[1])));
    }
    if (points.size() == 1) {
      // A zero-length segment: its round caps draw the dot.
      path.append("l0 0");
    }
    double firstX = x(points.get(0)[0]);
    double lastX = x(points.get(points.size() - 1)[0]);
    svg.append(String.format(Locale.ROOT,
        "<path class=\"area\" d=\"%sL%.1f %d L%.1f %d Z\"/>",
        path, lastX, TOP + PLOT_HEIGHT, firstX, TOP + PLOT_HEIGHT));
    svg.append("<path class=\"line\" d=\"").append(path.toString().strip()).append("\"/>");
    return this;
  }

  String toSvg() {
    return svg + "</svg>";
  }

  private void text(double x, double y, String anchor, String cssClass, String content) {
    svg.append(String.format(Locale.ROOT,
        "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
        cssClass, x, y, anchor, Html.escape(content)));
  }

  private static double x(double fraction) {
    return LEFT + fraction * PLOT_WIDTH;
  }

  private static double y(double fraction) {
    return TOP + (1 - fraction) * PLOT_HEIGHT;
  }
}
