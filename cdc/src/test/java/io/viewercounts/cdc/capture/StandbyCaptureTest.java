package io.viewercounts.cdc.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.viewercounts.cdc.CaptureFixture;
import io.viewercounts.cdc.CaptureServers;
import io.viewercounts.cdc.ChangingRows;
import io.viewercounts.cdc.TopicReader;
import io.viewercounts.cdc.topology.ViewerCountStreams;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Two capture instances of one slot: one captures, the other stands by and takes over. */
class StandbyCaptureTest {

  private static final Logger log = LoggerFactory.getLogger(StandbyCaptureTest.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String PRODUCER_THREAD =
      "kafka-producer-network-thread | viewercount-capture";

  @RegisterExtension static final CaptureServers servers = CaptureServers.postgresAndKafka();

  @TempDir Path stateDir;

  @Test
  void standbyTakesOverWhenTheActiveInstanceStopsAndEveryChangeArrivesOnce() {
    CaptureFixture setup = servers.fixture("standby", 3);
    ChangingRows rows = new ChangingRows(setup.database(), "s", 10);
    try (ViewerCountStreams topology = setup.newTopology(stateDir);
        TopicReader viewerCounts = setup.viewerCountsReader();
        ChangeCapture first = setup.newCapture();
        ChangeCapture second = setup.newCapture()) {
      topology.start();
      first.start();
      CaptureFixture.awaitRunning(first);
      second.start();
      await().atMost(TIMEOUT).until(() -> second.status().phase() == CaptureStatus.Phase.STANDBY);
      assertThat(second.status().isUp()).isTrue();
      assertThat(second.status().role()).isEqualTo("standby");

      rows.start();
      viewerCounts.awaitAll(records -> records.size() > 100, TIMEOUT);
      long stopping = System.nanoTime();
      first.close();

      // The promise: a standby takes over within 30 seconds.
      await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(second.status().role()));
      log.info(
          "Standby took over {} ms after the active instance stopped",
          (System.nanoTime() - stopping) / 1_000_000);
      rows.stopAfterAndAssertEveryChangeExactlyOnce(100, viewerCounts, TIMEOUT);
    } finally {
      rows.close();
    }
  }

  @Test
  void aStandbyBuildsItsEngineAheadAndClosingItLeavesNoProducerBehind() {
    CaptureFixture setup = servers.fixture("standby_closing", 1);
    try (ChangeCapture active = setup.newCapture()) {
      active.start();
      CaptureFixture.awaitRunning(active);
      long activeOnly = captureProducers();

      try (ChangeCapture standby = setup.newCapture()) {
        standby.start();
        await()
            .atMost(TIMEOUT)
            .until(() -> standby.status().phase() == CaptureStatus.Phase.STANDBY);
        await().atMost(TIMEOUT).until(() -> captureProducers() == activeOnly + 1);
      }

      await().atMost(TIMEOUT).until(() -> captureProducers() == activeOnly);
    }
  }

  @Test
  void aStandbyThatCannotBuildItsEngineAheadStandsByAllTheSame() {
    CaptureFixture setup = servers.fixture("standby_unprepared", 1);
    // Its change producer's address does not resolve: the engine cannot be built ahead.
    KafkaConnection unresolvableProducer =
        new KafkaConnection(
            CaptureFixture.kafkaClient(setup.bootstrapServers()),
            CaptureFixture.kafkaClient("kafka.invalid:9092"));
    try (ChangeCapture active = setup.newCapture();
        ChangeCapture standby =
            new ChangeCapture(
                setup.database(),
                setup.connection(),
                unresolvableProducer,
                setup.capture(),
                setup.topics())) {
      active.start();
      CaptureFixture.awaitRunning(active);
      standby.start();

      // Several retry intervals (500 ms here), each a new attempt to build it.
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(30))
          .until(() -> standby.status().phase() == CaptureStatus.Phase.STANDBY);
    }
  }

  /** The live producers of change events, by their network threads. */
  private static long captureProducers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals(PRODUCER_THREAD))
        .count();
  }
}
