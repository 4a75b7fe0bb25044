package io.viewercounts.standalone.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.viewercounts.standalone.deployment.MonitoringFiles.Alert;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and the scrape configuration of deploy/prometheus: accepted by Prometheus' own
 * checker, passing their unit tests, each alert actionable (severity, what to do, a runbook that
 * exists), and scraping every app of the compose file where its actuator listens.
 */
class AlertRulesTest {

  @Test
  void prometheusAcceptsTheRules() throws Exception {
    assertPromtoolPasses("check", "rules", "alerts.yml");
  }

  @Test
  void theRulesPassTheirUnitTests() throws Exception {
    assertPromtoolPasses("test", "rules", "alerts.test.yml");
  }

  @Test
  void prometheusAcceptsTheScrapeConfiguration() throws Exception {
    assertPromtoolPasses("check", "config", "prometheus.yml");
  }

  @Test
  void everyAlertSaysHowBadItIsWhatHappenedAndWhereToReadWhatToDo() {
    List<Alert> alerts = MonitoringFiles.alerts();
    assertThat(alerts).hasSizeGreaterThan(10);
    for (Alert alert : alerts) {
      assertThat(alert.labels().get("severity"))
          .as("severity of %s", alert.name())
          .isIn("critical", "warning", "info");
      assertThat(alert.annotations()).as("annotations of %s", alert.name())
          .containsKeys("summary", "description", "runbook");
      String runbook = (String) alert.annotations().get("runbook");
      String page = runbook.contains("#") ? runbook.substring(0, runbook.indexOf('#')) : runbook;
      assertThat(Repository.path(page)).as("runbook of %s", alert.name()).exists();
      if (runbook.contains("#")) {
        assertThat(anchors(Repository.read(page)))
            .as("runbook of %s: a heading of %s", alert.name(), page)
            .contains(runbook.substring(runbook.indexOf('#') + 1));
      }
    }
  }

  @Test
  void everyAlertIsExplainedInTheHandbook() {
    String operations = Repository.read("docs/operations.md");
    for (Alert alert : MonitoringFiles.alerts()) {
      assertThat(operations)
          .as("docs/operations.md explains %s", alert.name())
          .contains("`" + alert.name() + "`");
    }
  }

  @Test
  void prometheusScrapesEveryAppOfTheComposeFileOnItsActuatorPort() {
    Map<String, Object> config = Repository.yaml(MonitoringFiles.SCRAPE_CONFIG).get(0);
    List<String> targets = new ArrayList<>();
    for (Object job : (List<?>) config.get("scrape_configs")) {
      Map<?, ?> scrape = (Map<?, ?>) job;
      assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
      for (Object discovery : (List<?>) scrape.get("dns_sd_configs")) {
        Map<?, ?> dns = (Map<?, ?>) discovery;
        for (Object name : (List<?>) dns.get("names")) {
          targets.add(name + ":" + dns.get("port"));
        }
      }
    }
    List<String> expected = new ArrayList<>();
    ComposeFile.load()
        .appServices()
        .forEach(
            (app, service) ->
                expected.add(
                    service.name()
                        + ":"
                        + AppConfiguration.of(app)
                            .actuatorPort(
                                service.environment(ComposeStackTest.requiredVariables()))));
    assertThat(targets).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(config.get("rule_files")).isEqualTo(List.of("alerts.yml"));
  }

  private static void assertPromtoolPasses(String... arguments) throws Exception {
    assumeTrue(Promtool.find().isPresent(), Promtool.MISSING);
    Promtool.Result result = Promtool.run(arguments);
    assertThat(result.exitCode()).as("promtool %s:%n%s", String.join(" ", arguments), result.output())
        .isZero();
  }

  /** GitHub's anchors of a Markdown page's headings: lower case, punctuation dropped, - for spaces. */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new HashSet<>();
    Matcher heading = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$").matcher(markdown);
    while (heading.find()) {
      anchors.add(heading.group(1).toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
    }
    return anchors;
  }
}
