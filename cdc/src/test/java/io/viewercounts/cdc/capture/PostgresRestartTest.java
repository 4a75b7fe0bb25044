package io.viewercounts.cdc.capture;

import static org.awaitility.Awaitility.await;

import io.viewercounts.cdc.CaptureFixture;
import io.viewercounts.cdc.CaptureServers;
import io.viewercounts.cdc.ChangingRows;
import io.viewercounts.cdc.TopicReader;
import io.viewercounts.cdc.topology.ViewerCountStreams;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL stops and starts again under a running capture. */
class PostgresRestartTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path stateDir;

  @RegisterExtension
  static final CaptureServers servers = CaptureServers.restartablePostgresAndKafka();

  @Test
  void captureRecoversByItselfAndLaterChangesFlowEachOnce() throws IOException {
    CaptureFixture setup = servers.fixture("restarted", 3);
    ChangingRows rows = new ChangingRows(setup.database(), "r", 10);
    try (ViewerCountStreams topology = setup.newTopology(stateDir);
        TopicReader viewerCounts = setup.viewerCountsReader();
        ChangeCapture capture = setup.newCapture()) {
      topology.start();
      capture.start();
      CaptureFixture.awaitRunning(capture);
      rows.start();
      viewerCounts.awaitAll(records -> records.size() > 100, TIMEOUT);

      servers.stopPostgres(); // pg_ctl stop -m fast: every connection is cut
      await().atMost(TIMEOUT).until(() -> capture.status().phase() != CaptureStatus.Phase.RUNNING);
      servers.startPostgresAgain();

      CaptureFixture.awaitRunning(capture);
      rows.stopAfterAndAssertEveryChangeExactlyOnce(100, viewerCounts, TIMEOUT);
    } finally {
      rows.close();
    }
  }
}
