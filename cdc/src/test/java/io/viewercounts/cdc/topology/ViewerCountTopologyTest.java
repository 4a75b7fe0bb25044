package io.viewercounts.cdc.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.viewercounts.cdc.CaptureFixture;
import io.viewercounts.cdc.CdcDefaults;
import io.viewercounts.cdc.CdcProperties.TopologyProperties;
import io.viewercounts.cdc.ViewerCountSchema;
import io.viewercounts.events.ViewerCount;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewerCountTopologyTest {

  private static final String CDC_TOPIC = "viewercount.public.streams";
  private static final String VIEWER_COUNTS = "viewer-counts";
  private static final long COMMIT_MS = 1_764_090_000_123L;
  private static final String ENDED_AT = "2026-11-25T17:00:00.123456Z";

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, String> changes;
  private TestOutputTopic<String, ViewerCount> viewerCounts;

  @BeforeEach
  void startTopology() {
    TopologyProperties settings =
        CaptureFixture.topology(CdcDefaults.load().topology().applicationId(), stateDir);
    driver =
        new TopologyTestDriver(
            ViewerCountTopology.build(CDC_TOPIC, VIEWER_COUNTS, "viewer-counts-1m", Duration.ofSeconds(5)),
            ViewerCountTopology.streamsConfig(
                CaptureFixture.kafkaClient("unused:9092"), settings, (short) -1));
    changes = driver.createInputTopic(CDC_TOPIC, new StringSerializer(), new StringSerializer());
    viewerCounts =
        driver.createOutputTopic(
            VIEWER_COUNTS, new StringDeserializer(), EventSerdes.viewerCount().deserializer());
  }

  @AfterEach
  void closeTopology() {
    driver.close();
  }

  @Test
  void snapshotRecordOfAStreamProducesItsFirstViewerCount() {
    send(change("r", "abc", 12, true, null, 100));

    assertThat(viewerCounts.readKeyValuesToList())
        .containsExactly(
            KeyValue.pair(
                "abc",
                new ViewerCount("abc", 12, true, null, 99, Instant.ofEpochMilli(COMMIT_MS))));
  }

  @Test
  void firstChangeAtTheSnapshotPositionIsNewerThanTheSnapshot() {
    // The snapshot carries the slot's consistent point; the first change after it can start
    // exactly there (seen in PostgresRestartTest with rows changing while the slot was created).
    send(change("r", "abc", 0, true, null, 26256912));
    send(change("u", "abc", 1, true, null, 26256912));

    assertThat(viewerCounts.readValuesToList())
        .extracting(ViewerCount::viewerCount, ViewerCount::version)
        .containsExactly(tuple(0, 26256911L), tuple(1, 26256912L));
  }

  @Test
  void unchangedCountProducesNothing() {
    send(change("r", "abc", 12, true, null, 100));
    viewerCounts.readKeyValuesToList();

    send(change("u", "abc", 12, true, null, 200)); // only updated_at or name changed

    assertThat(viewerCounts.isEmpty()).isTrue();
  }

  @Test
  void changedCountProducesExactlyOneViewerCount() {
    send(change("r", "abc", 12, true, null, 100));
    viewerCounts.readKeyValuesToList();

    send(change("u", "abc", 13, true, null, 200));

    assertThat(viewerCounts.readValuesToList())
        .extracting(ViewerCount::viewerCount)
        .containsExactly(13);
  }

  @Test
  void changedLivenessProducesExactlyOneViewerCount() {
    send(change("r", "abc", 0, true, null, 100));
    viewerCounts.readKeyValuesToList();

    send(change("u", "abc", 0, false, null, 200));

    assertThat(viewerCounts.readValuesToList())
        .extracting(ViewerCount::isLive)
        .containsExactly(false);
  }

  @Test
  void changedEndTimeProducesExactlyOneViewerCount() {
    send(change("r", "abc", 0, false, null, 100));
    viewerCounts.readKeyValuesToList();

    send(change("u", "abc", 0, false, ENDED_AT, 200));

    assertThat(viewerCounts.readValuesToList())
        .extracting(ViewerCount::endedAt)
        .containsExactly(Instant.parse(ENDED_AT));
  }

  @Test
  void keysAreStreamIds() {
    send(change("c", "abc", 1, true, null, 100));
    send(change("c", "def", 2, true, null, 200));

    assertThat(viewerCounts.readKeyValuesToList())
        .extracting(pair -> pair.key, pair -> pair.value.streamId())
        .containsExactly(tuple("abc", "abc"), tuple("def", "def"));
  }

  @Test
  void versionsAreTheChangesLogPositionsAndGrow() {
    send(change("c", "abc", 1, true, null, 100));
    send(change("u", "abc", 2, true, null, 250));
    send(change("u", "abc", 3, true, null, 900));

    assertThat(viewerCounts.readValuesToList())
        .extracting(ViewerCount::version)
        .containsExactly(100L, 250L, 900L);
  }

  @Test
  void changeCapturedTwiceIsEmittedOnce() {
    String update = change("u", "abc", 13, true, null, 200);
    send(change("c", "abc", 12, true, null, 100));
    send(update);

    send(update); // re-sent after a crash before the capture committed its offset

    assertThat(viewerCounts.readValuesToList())
        .extracting(ViewerCount::viewerCount)
        .containsExactly(12, 13);
  }

  @Test
  void deleteGivesTombstoneAndForgetsTheStream() {
    send(change("c", "abc", 12, true, null, 100));
    send(delete("abc", 200));
    send(change("c", "abc", 12, true, null, 300)); // the same id created again

    List<KeyValue<String, ViewerCount>> emitted = viewerCounts.readKeyValuesToList();
    assertThat(emitted).extracting(pair -> pair.key).containsExactly("abc", "abc", "abc");
    assertThat(emitted.get(1).value).isNull();
    assertThat(emitted.get(2).value.version()).isEqualTo(300);
  }

  @Test
  void malformedRecordsAreSkippedAndCountedNotFatal() {
    String valid = change("u", "abc", 1, true, null, 100);
    String countAsText = valid.replace("\"viewer_count\":1", "\"viewer_count\":\"1\"");
    String liveAsNumber = valid.replace("\"is_live\":true", "\"is_live\":1");
    List<String> malformed =
        List.of(
            "not json",
            "[1,2]",
            "{\"op\":\"u\",\"source\":{\"lsn\":1,\"ts_ms\":1}}",
            "{\"op\":\"u\",\"after\":" + ChangeEvents.row("abc", 1, true, null) + "}",
            "{\"op\":\"u\",\"after\":" + ChangeEvents.row("abc", 1, true, null) + ",\"source\":{\"ts_ms\":1}}",
            countAsText,
            liveAsNumber,
            change("u", "abc", -1, true, null, 100),
            change("u", "abc", 1, true, "yesterday", 100),
            change("x", "abc", 1, true, null, 100),
            "{\"op\":\"d\",\"before\":null,\"source\":{\"lsn\":1,\"ts_ms\":1}}",
            valid.replaceFirst("\"source\":\\{[^}]*}", "\"source\":\"streams\""),
            valid.replaceFirst("\"after\":\\{[^}]*}", "\"after\":[{\"id\":\"abc\"}]"),
            valid.replace("\"lsn\":100", "\"lsn\":99999999999999999999"),
            valid.replace("\"viewer_count\":1", "\"viewer_count\":3000000000"));
    malformed.forEach(this::send);

    send(change("u", "abc", 7, true, null, 200));

    assertThat(viewerCounts.readValuesToList())
        .extracting(ViewerCount::viewerCount)
        .containsExactly(7);
    assertThat(malformedRecordsCounted()).isEqualTo(malformed.size());
  }

  @Test
  void heartbeatsAndHeartbeatTableChangesAreIgnoredNotCountedAsMalformed() {
    send("{\"ts_ms\":" + COMMIT_MS + "}");
    send(
        "{\"before\":null,\"after\":{\"id\":1,\"beat_at\":\"2026-11-25T17:00:00.000000Z\"},"
            + "\"source\":"
            + ChangeEvents.source(150, COMMIT_MS).replace("\"table\":\"streams\"", "\"table\":\"cdc_heartbeat\"")
            + ",\"op\":\"u\",\"ts_ms\":"
            + COMMIT_MS
            + "}");

    send(change("u", "abc", 7, true, null, 200));

    assertThat(viewerCounts.readValuesToList())
        .extracting(ViewerCount::viewerCount)
        .containsExactly(7);
    assertThat(malformedRecordsCounted()).isZero();
  }

  @Test
  void outputMatchesThePublishedJsonSchema() {
    TestOutputTopic<String, String> raw =
        driver.createOutputTopic(VIEWER_COUNTS, new StringDeserializer(), new StringDeserializer());
    send(change("r", "abc", 12, true, null, 100));
    send(change("u", "abc", 0, false, ENDED_AT, 200));

    List<String> values = raw.readValuesToList();

    assertThat(values).hasSize(2);
    assertThat(values).allSatisfy(json -> assertThat(ViewerCountSchema.violations(json)).isEmpty());
  }

  @Test
  void publishedJsonSchemaRejectsAValueWithoutVersionOrWithABadTime() {
    String valid =
        "{\"streamId\":\"abc\",\"viewerCount\":1,\"isLive\":true,\"endedAt\":null,"
            + "\"version\":5,\"changedAt\":\"2026-11-25T17:00:00.123Z\"}";

    assertThat(ViewerCountSchema.violations(valid)).isEmpty();
    assertThat(ViewerCountSchema.violations(valid.replace(",\"version\":5", ""))).isNotEmpty();
    assertThat(ViewerCountSchema.violations(valid.replace("2026-11-25T17", "yesterday")))
        .isNotEmpty();
    assertThat(
            ViewerCountSchema.violations(valid.replace("\"viewerCount\":1", "\"viewerCount\":-1")))
        .isNotEmpty();
  }

  private double malformedRecordsCounted() {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(ViewerCountTopology.MALFORMED_RECORDS_METRIC))
        .map(e -> (Metric) e.getValue())
        .mapToDouble(metric -> (Double) metric.metricValue())
        .sum();
  }

  private void send(String changeEvent) {
    changes.pipeInput("{\"id\":\"abc\"}", changeEvent);
  }

  private static String change(
      String op, String id, int count, boolean live, String endedAt, long lsn) {
    return ChangeEvents.change(op, id, count, live, endedAt, lsn, COMMIT_MS);
  }

  private static String delete(String id, long lsn) {
    return ChangeEvents.delete(id, lsn, COMMIT_MS);
  }
}
