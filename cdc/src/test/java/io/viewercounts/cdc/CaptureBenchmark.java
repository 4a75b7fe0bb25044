package io.viewercounts.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.cdc.CdcProperties.CaptureProperties;
import io.viewercounts.cdc.capture.ChangeCapture;
import io.viewercounts.cdc.topology.ViewerCountStreams;
import io.viewercounts.events.ViewerCountJson;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark of the capture and the topology on this machine: embedded PostgreSQL, an in-process
 * Kafka broker, the real capture (production settings) and the real topology (exactly-once). Not
 * part of {@code mvn verify} (its name is not a test name); run it alone on a quiet machine:
 *
 * <pre>mvn -B -pl cdc test -Dtest=CaptureBenchmark</pre>
 *
 * <p>Its report goes to the log and to {@code cdc/target/capture-benchmark.txt}:
 *
 * <ol>
 *   <li>Throughput: multi-row UPDATEs of 1,000 rows each, as fast as one connection commits them;
 *       changed rows per second from the first COMMIT to the last ViewerCount on viewer-counts,
 *       every row accounted for (each row's every count arrives exactly once). Measured after as
 *       many rows again as a warm-up, once the JIT has compiled the hot paths.
 *   <li>Latency at 1,000 changes per second (one single-row transaction per millisecond): from the
 *       COMMIT returning to the record being readable (read_committed) on viewer-counts, with the
 *       stages in between: handed to the producer (the CDC record's timestamp) and readable on the
 *       CDC topic.
 * </ol>
 */
class CaptureBenchmark {

  private static final Logger log = LoggerFactory.getLogger(CaptureBenchmark.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final int ROWS = 10_000;
  private static final int ROWS_PER_UPDATE = 1_000;
  private static final int ROUNDS = 60;

  /**
   * Rounds run first and not measured: the JIT compiles the hot paths of the capture, the broker
   * and the topology (its C2 thread took about half a core for the first ~40 s of load), so the
   * measured rounds see the pipeline as it runs for hours, not its first seconds.
   */
  private static final int WARMUP_ROUNDS = 60;

  private static final int RATE_PER_SECOND = 1_000;
  private static final int WARMUP_CHANGES = 5_000;
  private static final int MEASURED_CHANGES = 30_000;

  /** Latency-phase counts start here, so they never collide with the throughput phase's. */
  private static final int LATENCY_BASE = 1_000_000;

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path stateDir;

  private final List<String> report = new ArrayList<>();

  @Test
  void throughputAndLatencyFromCommitToViewerCounts() throws Exception {
    report("Load average before: " + loadAverage());
    EmbeddedPostgres postgres = TestInfrastructure.startPostgres("logical");
    EmbeddedKafkaKraftBroker kafka = TestInfrastructure.startKafka();
    try {
      CaptureFixture setup = CaptureFixture.create(postgres, kafka, "bench", 6);
      setup.execute(
          "INSERT INTO streams (id, playback_id, name, is_live, viewer_count)"
              + " SELECT 's' || lpad(g::text, 5, '0'), 'pb-' || g, 'Stream ' || g, true, 0"
              + " FROM generate_series(0, "
              + (ROWS - 1)
              + ") g");
      try (ViewerCountStreams topology = setup.newTopology(stateDir);
          ChangeCapture capture = setup.newCapture(productionSettings(setup.name()));
          Arrivals viewerCounts =
              new Arrivals(setup.bootstrapServers(), setup.topics().viewerCounts());
          Arrivals changes = new Arrivals(setup.bootstrapServers(), setup.topics().cdcTopic())) {
        topology.start();
        capture.start();
        awaitSnapshot(viewerCounts);
        Map<String, Integer> lastCount = new ConcurrentHashMap<>();
        runRounds(setup, viewerCounts, changes, lastCount, 0, WARMUP_ROUNDS);
        report("Warm-up: %,d changed rows, not measured".formatted(ROWS * WARMUP_ROUNDS));
        reportThroughput(
            runRounds(setup, viewerCounts, changes, lastCount, WARMUP_ROUNDS, ROUNDS));
        measureLatency(setup, viewerCounts, changes);
      }
    } finally {
      kafka.destroy();
      postgres.close();
      report("Load average after: " + loadAverage());
      Files.write(Path.of("target/capture-benchmark.txt"), report);
    }
  }

  /** The defaults of cdc.yml, with this benchmark's slot, publication and offsets names. */
  private static CaptureProperties productionSettings(String name) {
    CaptureProperties defaults = CdcDefaults.load().capture();
    CaptureProperties names = CaptureFixture.capture(name);
    return new CaptureProperties(
        names.slotName(),
        names.publicationName(),
        names.offsetsTopic(),
        defaults.pollInterval(),
        defaults.offsetFlushInterval(),
        defaults.sendTimeout(),
        defaults.shutdownTimeout(),
        defaults.heartbeatInterval(),
        defaults.retryInterval(),
        defaults.kafkaStartupTimeout(),
        defaults.slotCheckInterval(),
        defaults.retainedWalWarning());
  }

  private static void awaitSnapshot(Arrivals viewerCounts) throws InterruptedException {
    AtomicLong snapshotRows = new AtomicLong();
    viewerCounts.onRecord((record, arrivedNanos) -> snapshotRows.incrementAndGet());
    awaitCount(snapshotRows, ROWS, "snapshot rows on viewer-counts");
  }

  /**
   * Rounds {@code first+1 .. first+rounds}: each adds one to every row's count, in UPDATEs of
   * {@link #ROWS_PER_UPDATE} rows, as fast as one connection commits them; returns once every
   * change is on viewer-counts, each row's counts exactly once and in order.
   */
  private static Rounds runRounds(
      CaptureFixture setup,
      Arrivals viewerCounts,
      Arrivals changes,
      Map<String, Integer> lastCount,
      int first,
      int rounds)
      throws Exception {
    long expected = (long) ROWS * rounds;
    AtomicLong emitted = new AtomicLong();
    AtomicLong lastEmittedNanos = new AtomicLong();
    AtomicLong repeatsOrGaps = new AtomicLong();
    viewerCounts.onRecord(
        (record, arrivedNanos) -> {
          int count = ViewerCountJson.decode(record.value()).viewerCount();
          Integer previous = lastCount.put(record.key(), count);
          if (previous != null && count != previous + 1) {
            repeatsOrGaps.incrementAndGet();
          }
          emitted.incrementAndGet();
          lastEmittedNanos.set(arrivedNanos);
        });
    AtomicLong lastCapturedNanos = new AtomicLong();
    changes.onRecord((record, arrivedNanos) -> lastCapturedNanos.set(arrivedNanos));

    long start = System.nanoTime();
    try (Connection connection = setup.database().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE streams SET viewer_count = viewer_count + 1 WHERE id >= ? AND id < ?")) {
      for (int round = 0; round < rounds; round++) {
        for (int row = 0; row < ROWS; row += ROWS_PER_UPDATE) {
          update.setString(1, id(row));
          update.setString(2, id(row + ROWS_PER_UPDATE));
          assertThat(update.executeUpdate()).isEqualTo(ROWS_PER_UPDATE);
        }
      }
    }
    long committed = System.nanoTime();
    awaitCount(emitted, expected, "changed rows on viewer-counts");

    assertThat(repeatsOrGaps.get()).as("counts repeated or skipped").isZero();
    assertThat(lastCount)
        .hasSize(ROWS)
        .allSatisfy((id, count) -> assertThat(count).isEqualTo(first + rounds));
    return new Rounds(expected, start, committed, lastCapturedNanos.get(), lastEmittedNanos.get());
  }

  /** One run of rounds: its changed rows and when it committed, was captured and emitted. */
  private record Rounds(
      long rows,
      long startNanos,
      long committedNanos,
      long lastCapturedNanos,
      long lastEmittedNanos) {

    double rowsPerSecondUntil(long endNanos) {
      return rows / seconds(endNanos);
    }

    double seconds(long endNanos) {
      return (endNanos - startNanos) / 1e9;
    }
  }

  private void reportThroughput(Rounds measured) {
    report(
        "Throughput: %,d changed rows in %d-row UPDATEs (%d transactions)"
            .formatted(measured.rows(), ROWS_PER_UPDATE, measured.rows() / ROWS_PER_UPDATE));
    report(
        "  COMMIT of all: %.2f s (%,.0f rows/s written)"
            .formatted(
                measured.seconds(measured.committedNanos()),
                measured.rowsPerSecondUntil(measured.committedNanos())));
    report(
        "  first COMMIT to last change readable on the CDC topic: %.2f s (%,.0f rows/s)"
            .formatted(
                measured.seconds(measured.lastCapturedNanos()),
                measured.rowsPerSecondUntil(measured.lastCapturedNanos())));
    report(
        "  first COMMIT to last ViewerCount on viewer-counts: %.2f s -> %,.0f rows/s"
            .formatted(
                measured.seconds(measured.lastEmittedNanos()),
                measured.rowsPerSecondUntil(measured.lastEmittedNanos())));
    report(
        "  every row accounted for: %,d records, each row's counts once and in order"
            .formatted(measured.rows()));
  }

  private void measureLatency(CaptureFixture setup, Arrivals viewerCounts, Arrivals changes)
      throws Exception {
    int total = WARMUP_CHANGES + MEASURED_CHANGES;
    AtomicLongArray commitNanos = new AtomicLongArray(total);
    AtomicLongArray commitMillis = new AtomicLongArray(total);
    Histogram commit = histogram();
    Histogram toProducer = histogram();
    Histogram toCdcTopic = histogram();
    Histogram toViewerCounts = histogram();
    AtomicLong arrived = new AtomicLong();
    changes.onRecord(
        (record, arrivedNanos) -> {
          int i =
              JSON.readTree(record.value()).path("after").path("viewer_count").intValue()
                  - LATENCY_BASE;
          if (i >= WARMUP_CHANGES) {
            toCdcTopic.recordValue(micros(arrivedNanos - committedAt(commitNanos, i)));
            long handedOver = record.timestamp() - committedAt(commitMillis, i);
            toProducer.recordValue(Math.max(0, handedOver) * 1000);
          }
        });
    viewerCounts.onRecord(
        (record, arrivedNanos) -> {
          int i = ViewerCountJson.decode(record.value()).viewerCount() - LATENCY_BASE;
          if (i >= WARMUP_CHANGES) {
            toViewerCounts.recordValue(micros(arrivedNanos - committedAt(commitNanos, i)));
          }
          if (i >= 0) {
            arrived.incrementAndGet();
          }
        });

    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / RATE_PER_SECOND;
    long start = System.nanoTime();
    long behind = 0;
    try (Connection connection = setup.database().getConnection();
        PreparedStatement update =
            connection.prepareStatement("UPDATE streams SET viewer_count = ? WHERE id = ?")) {
      for (int i = 0; i < total; i++) {
        long due = start + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        } else if (wait < -intervalNanos) {
          behind++;
        }
        update.setInt(1, LATENCY_BASE + i);
        update.setString(2, id(i % ROWS));
        long before = System.nanoTime();
        update.executeUpdate();
        long after = System.nanoTime();
        commitMillis.set(i, System.currentTimeMillis());
        commitNanos.set(i, after);
        if (i >= WARMUP_CHANGES) {
          commit.recordValue(micros(after - before));
        }
      }
    }
    double achieved = total / ((System.nanoTime() - start) / 1e9);
    awaitCount(arrived, total, "latency changes on viewer-counts");

    report(
        "Latency at %,d changes/s (one single-row transaction each; achieved %,.0f/s, %d late by"
                .formatted(RATE_PER_SECOND, achieved, behind)
            + " more than one interval), %,d measured after %,d warm-up:"
                .formatted(MEASURED_CHANGES, WARMUP_CHANGES));
    report(line("UPDATE+COMMIT (JDBC round trip)", commit));
    report(line("COMMIT -> handed to producer (ms)", toProducer));
    report(line("COMMIT -> readable on CDC topic", toCdcTopic));
    report(line("COMMIT -> readable on viewer-counts", toViewerCounts));
  }

  /** The commit time of change i; its record can arrive before the writer wrote it down. */
  private static long committedAt(AtomicLongArray times, int i) {
    long time;
    while ((time = times.get(i)) == 0) {
      Thread.onSpinWait();
    }
    return time;
  }

  private static String line(String stage, Histogram histogram) {
    return "  %-38s p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  max %7.2f ms"
        .formatted(
            stage,
            histogram.getValueAtPercentile(50) / 1000.0,
            histogram.getValueAtPercentile(90) / 1000.0,
            histogram.getValueAtPercentile(99) / 1000.0,
            histogram.getValueAtPercentile(99.9) / 1000.0,
            histogram.getMaxValue() / 1000.0);
  }

  private static Histogram histogram() {
    return new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
  }

  private static long micros(long nanos) {
    return Math.max(0, nanos / 1000);
  }

  private static String id(int row) {
    return "s%05d".formatted(row);
  }

  private static void awaitCount(AtomicLong counter, long expected, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (counter.get() < expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            what + ": " + counter.get() + " of " + expected + " in " + TIMEOUT);
      }
      Thread.sleep(5);
    }
    assertThat(counter.get()).as(what).isEqualTo(expected);
  }

  private void report(String line) {
    log.info(line);
    report.add(line);
  }

  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }

  /**
   * Reads a topic from its start on its own thread, handing each record and its arrival time on.
   */
  private static final class Arrivals implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile BiConsumer<ConsumerRecord<String, String>, Long> handler = (r, t) -> {};
    private volatile boolean running = true;

    Arrivals(String bootstrapServers, String topic) {
      consumer =
          TopicReader.openAtBeginning(
              bootstrapServers,
              topic,
              // as the topology's own consumer: an idle fetch waits at most 10 ms
              Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10));
      thread = new Thread(this::read, "arrivals-" + topic);
      thread.start();
    }

    /** Where records go from now on (the previous handler gets no more). */
    void onRecord(BiConsumer<ConsumerRecord<String, String>, Long> handler) {
      this.handler = handler;
    }

    private void read() {
      while (running) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
        long arrivedNanos = System.nanoTime();
        for (ConsumerRecord<String, String> record : records) {
          handler.accept(record, arrivedNanos);
        }
      }
      consumer.close();
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join();
    }
  }
}
