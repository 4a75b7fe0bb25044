package io.viewercounts.cdc.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.viewercounts.cdc.CaptureFixture;
import io.viewercounts.cdc.CaptureProcess;
import io.viewercounts.cdc.CaptureServers;
import io.viewercounts.cdc.ChangingRows;
import io.viewercounts.cdc.TopicReader;
import io.viewercounts.cdc.topology.ViewerCountStreams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/** The capture's process killed with SIGKILL while rows change, then started again. */
class CaptureKillTest {

  private static final Logger log = LoggerFactory.getLogger(CaptureKillTest.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension static final CaptureServers servers = CaptureServers.postgresAndKafka();

  @TempDir Path stateDir;

  @Test
  void killedCaptureRestartedLosesNoChangeAndEmitsNoneTwice() throws Exception {
    CaptureFixture setup = servers.fixture("killed", 3);
    ChangingRows rows = new ChangingRows(setup.database(), "k", 10);
    try (ViewerCountStreams topology = setup.newTopology(stateDir);
        TopicReader viewerCounts = setup.viewerCountsReader()) {
      topology.start();
      Process capture = CaptureProcess.start(setup);
      try {
        // The forked capture streams once the first changes arrive (an active slot alone is no
        // proof: it is active during the initial snapshot too).
        viewerCounts.awaitAll(records -> records.size() >= 10, TIMEOUT);
        rows.start();
        viewerCounts.awaitAll(records -> records.size() > 1000, TIMEOUT);
      } finally {
        capture.destroyForcibly(); // SIGKILL: no offset commit, no goodbye to PostgreSQL
        assertThat(capture.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      log.info("Killed the capture process after {} committed updates", rows.committed());

      try (ChangeCapture restarted = setup.newCapture()) {
        restarted.start();
        CaptureFixture.awaitRunning(restarted);
        rows.stopAfterAndAssertEveryChangeExactlyOnce(200, viewerCounts, TIMEOUT);
      }
      // The guarantees above only mean something if the restart did capture changes a second time.
      // A kill that lands right after an offset flush replays nothing: then say so, not "passed".
      assumeThat(changesCapturedTwice(setup))
          .as("changes captured again after the kill (none: the kill followed an offset flush)")
          .isPositive();
    } finally {
      rows.close();
    }
  }

  private static long changesCapturedTwice(CaptureFixture setup) {
    try (TopicReader cdc = setup.cdcReader()) {
      Set<String> seen = new HashSet<>();
      long twice =
          cdc.readFor(Duration.ofSeconds(2)).stream()
              .map(
                  record ->
                      record.key() + "@" + JSON.readTree(record.value()).path("source").path("lsn"))
              .filter(change -> !seen.add(change))
              .count();
      log.info("Changes captured twice after the kill: {}", twice);
      return twice;
    }
  }
}
