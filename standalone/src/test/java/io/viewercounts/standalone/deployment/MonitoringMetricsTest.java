package io.viewercounts.standalone.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.standalone.RunningStandalone;
import io.viewercounts.standalone.deployment.MonitoringFiles.Alert;
import io.viewercounts.standalone.deployment.PromQl.Selector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every series the alert rules and the dashboard query is one the apps export (with the label
 * values they select), read from the running pipeline's {@code /actuator/prometheus}: a renamed
 * metric or tag would otherwise leave an alert that never fires and a panel without data.
 */
@ExtendWith(RunningStandalone.Shared.class)
class MonitoringMetricsTest {

  /** Series that Prometheus makes itself, about its scrapes, rather than reads from an app. */
  private static final List<String> PROMETHEUS_OWN = List.of("up");

  @Test
  void everySeriesTheAlertsQueryIsExported(RunningStandalone standalone) throws Exception {
    ExportedSeries exported = scrape(standalone);
    for (Alert alert : MonitoringFiles.alerts()) {
      for (Selector selector : PromQl.selectors(alert.expr())) {
        if (!PROMETHEUS_OWN.contains(selector.metric())) {
          assertThat(exported.matches(selector))
              .as("%s queries %s, which the apps do not export", alert.name(), selector)
              .isTrue();
        }
      }
    }
  }

  @Test
  void everySeriesTheDashboardQueriesIsExported(RunningStandalone standalone) throws Exception {
    ExportedSeries exported = scrape(standalone);
    List<String> queries = MonitoringFiles.dashboardQueries();
    assertThat(queries).hasSizeGreaterThan(20);
    for (String query : queries) {
      for (Selector selector : PromQl.selectors(query)) {
        assertThat(exported.matches(selector))
            .as("the dashboard queries %s (in %s), which the apps do not export", selector, query)
            .isTrue();
      }
    }
  }

  private static ExportedSeries scrape(RunningStandalone standalone) throws Exception {
    // Micrometer registers jvm_gc_pause_seconds at a JVM's first collection, which a standalone
    // started seconds ago on an idle machine may not have had yet; a running app has had many.
    System.gc();
    return ExportedSeries.parse(standalone.getManagement("/actuator/prometheus").body());
  }
}
