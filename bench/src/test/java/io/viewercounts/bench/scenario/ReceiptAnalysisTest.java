package io.viewercounts.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptAnalysisTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

  @TempDir Path dir;

  /** Change n committed at n seconds after the start. */
  private static long committedAt(int n) {
    return n >= 1 && n <= 3 ? n * SECOND : 0;
  }

  @Test
  void measuresEachReceiptFromTheCommitOfTheCountItCarries() throws IOException {
    Path file = receipts(new long[][] {{1, SECOND + 20 * MILLI}, {1, SECOND + 40 * MILLI},
        {2, 2 * SECOND + 10 * MILLI}});

    ReceiptAnalysis analysis =
        ReceiptAnalysis.of(List.of(file), ReceiptAnalysisTest::committedAt, 0, 0);

    assertThat(analysis.measured).isEqualTo(3);
    assertThat(analysis.latencyMicros.getMinValue()).isEqualTo(10_000);
    assertThat(analysis.latencyMicros.valuesAreEquivalent(analysis.latencyMicros.getMaxValue(),
        40_000)).isTrue();
  }

  @Test
  void leavesWarmUpChangesAndUnknownCountsOutOfTheLatencies() throws IOException {
    Path file = receipts(new long[][] {{1, SECOND + MILLI}, {3, 3 * SECOND + MILLI}, {0, MILLI}});

    ReceiptAnalysis analysis =
        ReceiptAnalysis.of(List.of(file), ReceiptAnalysisTest::committedAt, 0, 2 * SECOND);

    assertThat(analysis.measured).isEqualTo(1);
  }

  @Test
  void countsEveryReceiptInTheSecondItArrived() throws IOException {
    Path file = receipts(new long[][] {{1, SECOND + MILLI}, {1, SECOND + 2 * MILLI},
        {3, 3 * SECOND + MILLI}});

    ReceiptAnalysis analysis =
        ReceiptAnalysis.of(List.of(file), ReceiptAnalysisTest::committedAt, 0, 0);

    assertThat(analysis.perSecond).containsExactly(0L, 2L, 0L, 1L);
  }

  @Test
  void keepsTheWorstLatencyOfTheChangesCommittedInEachTenSeconds() throws IOException {
    Path file = receipts(new long[][] {{1, SECOND + 30 * MILLI}, {1, SECOND + 900 * MILLI},
        {2, 12 * SECOND + 20 * MILLI}});

    ReceiptAnalysis analysis = ReceiptAnalysis.of(
        List.of(file), n -> n == 1 ? SECOND : n == 2 ? 12 * SECOND : 0, 0, 0);

    assertThat(analysis.worstMicrosPerWindow).containsExactly(900_000L, 20_000L);
  }

  @Test
  void aReceiptBeforeItsCommitReturnedCountsAsZeroAndIsNoted() throws IOException {
    Path file = receipts(new long[][] {{2, 2 * SECOND - MILLI}});

    ReceiptAnalysis analysis =
        ReceiptAnalysis.of(List.of(file), ReceiptAnalysisTest::committedAt, 0, 0);

    assertThat(analysis.beforeCommit).isEqualTo(1);
    assertThat(analysis.latencyMicros.getMaxValue()).isZero();
  }

  private Path receipts(long[][] countAndNanos) throws IOException {
    Path file = Files.createTempFile(dir, "worker", ".receipts");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      for (long[] receipt : countAndNanos) {
        out.writeInt((int) receipt[0]);
        out.writeLong(receipt[1]);
      }
    }
    return file;
  }
}
