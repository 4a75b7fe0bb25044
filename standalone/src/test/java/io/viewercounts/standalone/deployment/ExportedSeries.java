package io.viewercounts.standalone.deployment;

import io.viewercounts.standalone.deployment.PromQl.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The series of one scrape of {@code /actuator/prometheus} (Prometheus' text format). */
final class ExportedSeries {

  private record Series(String metric, Map<String, String> labels) {}

  // name{label="value",...} value   or   name value
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+.*$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final List<Series> series;

  private ExportedSeries(List<Series> series) {
    this.series = series;
  }

  static ExportedSeries parse(String scrape) {
    List<Series> series = new ArrayList<>();
    for (String line : scrape.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (!line.startsWith("#") && sample.matches()) {
        series.add(new Series(sample.group(1), labels(sample.group(2))));
      }
    }
    if (series.isEmpty()) {
      throw new IllegalArgumentException("no series in this scrape:\n" + scrape);
    }
    return new ExportedSeries(series);
  }

  /**
   * Whether some series has the selector's metric and satisfies its positive matchers (= and =~;
   * a series is needed to show that a label value exists, while != and !~ only filter).
   */
  boolean matches(Selector selector) {
    return series.stream()
        .filter(s -> s.metric().equals(selector.metric()))
        .anyMatch(
            s ->
                selector.matchers().stream()
                    .allMatch(
                        m ->
                            switch (m.op()) {
                              case "=" -> m.value().equals(s.labels().getOrDefault(m.label(), ""));
                              case "=~" -> s.labels().getOrDefault(m.label(), "").matches(m.value());
                              default -> true;
                            }));
  }

  boolean has(String metric) {
    return series.stream().anyMatch(s -> s.metric().equals(metric));
  }

  private static Map<String, String> labels(String inside) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (inside != null) {
      Matcher label = LABEL.matcher(inside);
      while (label.find()) {
        labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
      }
    }
    return labels;
  }
}
