package io.viewercounts.bench.report;

import java.nio.file.Path;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The report as a JSON file holding every figure, for comparing runs with a script. */
public final class JsonReport {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private JsonReport() {}

  public static void write(BenchReport report, Path file) {
    JSON.writeValue(file, toJson(report));
  }

  static ObjectNode toJson(BenchReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("started", report.started().toString());
    root.put("seconds", report.seconds());
    root.put("command", report.command());
    root.put("target", report.target());
    Machine machine = report.machine();
    root.putObject("machine")
        .put("cpu", machine.cpu())
        .put("cores", machine.cores())
        .put("memoryBytes", machine.memoryBytes())
        .put("os", machine.os())
        .put("java", machine.java())
        .put("loadAtStart", machine.loadAtStart())
        .put("loadAtEnd", machine.loadAtEnd());
    root.put("passed", report.passed());
    ArrayNode scenarios = root.putArray("scenarios");
    report.scenarios().forEach(scenario -> scenarios.add(scenario(scenario)));
    return root;
  }

  private static ObjectNode scenario(ScenarioResult scenario) {
    ObjectNode json = JSON.createObjectNode();
    json.put("id", scenario.id());
    json.put("title", scenario.title());
    json.put("passed", scenario.passed());
    ObjectNode parameters = json.putObject("parameters");
    scenario.parameters().forEach(parameters::put);
    ArrayNode figures = json.putArray("figures");
    scenario.figures().forEach(figure -> figures.add(figure(figure)));
    ArrayNode failures = json.putArray("failures");
    scenario.failures().forEach(failures::add);
    if (scenario.latency() == null) {
      json.putNull("latency");
    } else {
      json.set("latency", latency(scenario));
    }
    ArrayNode delivered = json.putArray("deliveredPerSecond");
    scenario.deliveredPerSecond().forEach(delivered::add);
    ArrayNode notes = json.putArray("notes");
    scenario.notes().forEach(notes::add);
    return json;
  }

  private static ObjectNode figure(Figure figure) {
    ObjectNode json = JSON.createObjectNode();
    json.put("key", figure.key());
    json.put("label", figure.label());
    putNumber(json, "value", figure.value());
    json.put("unit", figure.unit());
    if (figure.target() == null) {
      json.putNull("target");
    } else {
      json.putObject("target")
          .put("atMost", figure.target().atMost())
          .put("bound", figure.target().bound());
    }
    json.put("met", figure.met());
    return json;
  }

  private static ObjectNode latency(ScenarioResult scenario) {
    LatencySummary summary = LatencySummary.of(scenario.latency());
    ObjectNode json = JSON.createObjectNode()
        .put("label", scenario.latencyLabel())
        .put("unit", "ms")
        .put("count", summary.count())
        .put("min", summary.min())
        .put("mean", summary.mean())
        .put("p50", summary.p50())
        .put("p90", summary.p90())
        .put("p99", summary.p99())
        .put("p99_9", summary.p999())
        .put("max", summary.max());
    ArrayNode percentiles = json.putArray("percentiles");
    for (PercentilePoint point : PercentilePoint.distribution(scenario.latency())) {
      percentiles.addObject()
          .put("percentile", point.percentile())
          .put("value_ms", point.valueMs());
    }
    return json;
  }

  /** A figure that could not be measured (NaN, infinite) is written as null: JSON has no NaN. */
  private static void putNumber(ObjectNode json, String name, double value) {
    if (Double.isFinite(value)) {
      json.put(name, value);
    } else {
      json.putNull(name);
    }
  }
}
