package io.viewercounts.cdc.capture;

import static org.awaitility.Awaitility.await;

import io.viewercounts.cdc.CaptureFixture;
import io.viewercounts.cdc.ChangingRows;
import io.viewercounts.cdc.TestInfrastructure;
import io.viewercounts.cdc.TopicReader;
import io.viewercounts.cdc.topology.ViewerCountStreams;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** PostgreSQL stops and starts again under a running capture. */
class PostgresRestartTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir static Path dataDirectory;
  @TempDir Path stateDir;

  private static int port;
  private static EmbeddedPostgres postgres;
  private static EmbeddedKafkaKraftBroker kafka;

  @BeforeAll
  static void startInfrastructure() {
    port = TestInfrastructure.freePort();
    postgres = TestInfrastructure.startPostgres(dataDirectory, port);
    kafka = TestInfrastructure.startKafka();
  }

  @AfterAll
  static void stopInfrastructure() throws IOException {
    kafka.destroy();
    postgres.close();
  }

  @Test
  void captureRecoversByItselfAndLaterChangesFlowEachOnce() throws IOException {
    CaptureFixture setup = CaptureFixture.create(postgres, kafka, "restarted", 3);
    ChangingRows rows = new ChangingRows(setup.database(), "r", 10);
    try (ViewerCountStreams topology = setup.newTopology(stateDir);
        TopicReader viewerCounts = setup.viewerCountsReader();
        ChangeCapture capture = setup.newCapture()) {
      topology.start();
      capture.start();
      CaptureFixture.awaitRunning(capture);
      rows.start();
      viewerCounts.awaitAll(records -> records.size() > 100, TIMEOUT);

      postgres.close(); // pg_ctl stop -m fast: every connection is cut
      await().atMost(TIMEOUT).until(() -> capture.status().phase() != CaptureStatus.Phase.RUNNING);
      postgres = TestInfrastructure.startPostgres(dataDirectory, port);

      CaptureFixture.awaitRunning(capture);
      long committedAfterRestart = rows.committed();
      await().atMost(TIMEOUT).until(() -> rows.committed() > committedAfterRestart + 100);
      Map<String, Integer> finalCounts = rows.stop();

      List<ConsumerRecord<String, String>> received =
          viewerCounts.awaitAll(records -> ChangingRows.reached(records, finalCounts), TIMEOUT);
      ChangingRows.assertEveryChangeExactlyOnce(received, finalCounts);
    } finally {
      rows.close();
    }
  }
}
