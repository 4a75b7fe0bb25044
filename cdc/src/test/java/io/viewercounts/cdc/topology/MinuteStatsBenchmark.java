package io.viewercounts.cdc.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.cdc.CaptureFixture;
import io.viewercounts.cdc.CdcDefaults;
import io.viewercounts.cdc.CdcProperties.TopologyProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The minute statistics at 100,000 live streams with nothing changing: the CPU the topology spends
 * each minute to close every stream's minute (one record each), and the state it keeps. The
 * topology runs in a TopologyTestDriver on one thread with its real RocksDB stores, so the figures
 * are the topology's own, without a broker (the sends to it are in the capture benchmark's
 * figures). Not part of {@code mvn verify}; run it alone on a quiet machine:
 *
 * <pre>mvn -B -pl events,cdc test -Dtest=MinuteStatsBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class MinuteStatsBenchmark {

  private static final Logger log = LoggerFactory.getLogger(MinuteStatsBenchmark.class);
  private static final int STREAMS = 100_000;
  private static final int MINUTES = 6;
  private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  @TempDir Path stateDir;

  @Test
  void closesAMinuteOfAHundredThousandLiveStreams() {
    TopologyProperties settings =
        CaptureFixture.topology(CdcDefaults.load().topology().applicationId(), stateDir);
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            ViewerCountTopology.build("cdc", "viewer-counts", "viewer-counts-1m", Duration.ofSeconds(5)),
            ViewerCountTopology.streamsConfig(
                CaptureFixture.kafkaClient("unused:9092"), settings, (short) -1),
            START)) {
      TestOutputTopic<String, String> minutes =
          driver.createOutputTopic(
              "viewer-counts-1m", new StringDeserializer(), new StringDeserializer());
      // The streams' open minutes go straight into the store: the driver commits (and flushes
      // RocksDB) after every input record, which would measure the driver, not the topology.
      KeyValueStore<String, StreamMinute> open =
          driver.getKeyValueStore(ViewerCountTopology.MINUTE_STORE);
      for (int i = 0; i < STREAMS; i++) {
        open.put("stream-" + i, StreamMinute.holding(1 + i % 5_000, true, START.toEpochMilli()));
      }

      Instant clock = START;
      for (int minute = 1; minute <= MINUTES; minute++) {
        Instant next = START.plusSeconds(60L * minute + 6);
        Duration ahead = Duration.between(clock, next);
        clock = next;
        long readCpu = cpu(() -> readAll(open));
        long closeCpu = cpu(() -> driver.advanceWallClockTime(ahead));
        int records = minutes.readRecordsToList().size();
        log.info(
            "Minute {} ({}): {} records, {} ms CPU to close ({} us per stream, {}% of a core);"
                + " floor, reading the store once: {} ms ({}x)",
            minute, minute == 1 ? "cold" : "warm", records, closeCpu / 1_000_000,
            closeCpu / 1_000 / STREAMS, String.format("%.2f", closeCpu / 1e6 / 60_000 * 100),
            readCpu / 1_000_000, String.format("%.1f", (double) closeCpu / readCpu));
        assertThat(records).isEqualTo(STREAMS);
      }
      log.info(
          "State: {} bytes per stream in the store's own form; on disk (RocksDB, both stores): {} MB",
          StreamMinuteSerde.BYTES, directorySize(stateDir) / 1_000_000);
    }
  }

  private static void readAll(KeyValueStore<String, StreamMinute> store) {
    try (KeyValueIterator<String, StreamMinute> all = store.all()) {
      all.forEachRemaining(entry -> {});
    }
  }

  /** CPU time of this thread, in ns, spent in {@code work}. */
  private static long cpu(Runnable work) {
    long before = CPU.getCurrentThreadCpuTime();
    work.run();
    return CPU.getCurrentThreadCpuTime() - before;
  }

  private static long directorySize(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(MinuteStatsBenchmark::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // gone while walking (RocksDB compaction)
    }
  }
}
