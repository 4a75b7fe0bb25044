package io.viewercounts.standalone.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The alert rules of deploy/prometheus and the dashboard of deploy/grafana, as read from disk. */
final class MonitoringFiles {

  static final String RULES = "deploy/prometheus/alerts.yml";
  static final String SCRAPE_CONFIG = "deploy/prometheus/prometheus.yml";
  static final String DASHBOARD = "deploy/grafana/viewer-counts.json";

  /** One alerting rule: its name, expression, labels and annotations. */
  record Alert(String name, String expr, Map<String, Object> labels, Map<String, Object> annotations) {}

  private MonitoringFiles() {}

  @SuppressWarnings("unchecked")
  static List<Alert> alerts() {
    List<Alert> alerts = new ArrayList<>();
    for (Map<String, Object> group :
        (List<Map<String, Object>>) Repository.yaml(RULES).get(0).get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        alerts.add(
            new Alert(
                (String) rule.get("alert"),
                (String) rule.get("expr"),
                (Map<String, Object>) rule.getOrDefault("labels", Map.of()),
                (Map<String, Object>) rule.getOrDefault("annotations", Map.of())));
      }
    }
    return alerts;
  }

  /** Every query of every panel of the dashboard, rows and nested panels included. */
  static List<String> dashboardQueries() {
    List<String> queries = new ArrayList<>();
    JsonNode dashboard = JsonMapper.builder().build().readTree(Repository.read(DASHBOARD));
    collectQueries(dashboard.path("panels"), queries);
    return queries;
  }

  private static void collectQueries(JsonNode panels, List<String> into) {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        into.add(target.path("expr").asText());
      }
      collectQueries(panel.path("panels"), into);
    }
  }
}
