package io.viewercounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a person sees in the console when starting the standalone: a screen's worth of lines with
 * the page's URL last, or, for a bad value, a short report before anything was started.
 */
@ExtendWith(OutputCaptureExtension.class)
class StandaloneConsoleTest {

  private static final String URL_LINE = "viewer-counts is running: open http://localhost:";
  /** Longer than every periodic task of the pipeline (Debezium's and the heartbeat's 10 s). */
  private static final Duration AFTER_START = Duration.ofSeconds(15);

  @Test
  void aStartPrintsAScreenfulWithThePageUrlLast(CapturedOutput output) throws Exception {
    try (ConfigurableApplicationContext standalone =
        StandaloneApplication.application().run("--server.port=0", "--management.server.port=0")) {
      await().atMost(Duration.ofMinutes(5)).until(() -> output.getOut().contains(URL_LINE));
      Thread.sleep(AFTER_START.toMillis());

      List<String> lines = output.getOut().lines().toList();
      assertThat(lines).hasSizeLessThanOrEqualTo(40);
      assertThat(lines.stream().filter(line -> !line.isBlank()).reduce((first, second) -> second))
          .hasValueSatisfying(last -> assertThat(last).contains(URL_LINE));
    }
  }

  @Test
  void aBadValueIsReportedBeforeTheEmbeddedPostgresAndKafkaStart(CapturedOutput output) {
    assertThatThrownBy(
            () -> StandaloneApplication.application()
                .run(
                    "--poller.interval=banana",
                    "--server.port=0",
                    "--management.server.port=0",
                    // Were they started, these would say so.
                    "--logging.level.io.zonky=info",
                    "--logging.level.kafka=info",
                    "--logging.level.org.apache.kafka=info"))
        .isNotNull();

    assertThat(output.getOut())
        .contains("poller.interval = \"banana\"")
        .contains("allowed: a duration: a number and a unit (ns, us, ms, s, m, h, d)")
        .doesNotContain(
            "Started the embedded PostgreSQL", "Started the in-process Kafka", "EmbeddedPostgres", "KafkaConfig values");
    assertThat(output.getOut().lines()).hasSizeLessThanOrEqualTo(20);
  }
}
