package io.viewercounts.cdc.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.viewercounts.cdc.CaptureFixture;
import io.viewercounts.cdc.CdcDefaults;
import io.viewercounts.cdc.CdcProperties.TopologyProperties;
import io.viewercounts.cdc.PublishedSchema;
import io.viewercounts.events.MinuteStats;
import io.viewercounts.events.MinuteStatsJson;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** viewer-counts-1m: what the topology says of each live stream's minutes, from CDC changes. */
class MinuteStatsTopologyTest {

  private static final String CDC_TOPIC = "viewercount.public.streams";
  private static final String MINUTE_STATS = "viewer-counts-1m";
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, String> changes;
  private TestOutputTopic<String, String> minuteStats;
  private long lsn = 100;
  private Instant clock;

  @AfterEach
  void closeTopology() {
    driver.close();
  }

  @Test
  void aLiveStreamWithASteadyCountGetsARecordEveryMinuteOnceTheGraceHasPassed() {
    start(at(0));
    commit("a", 12, true, at(10));

    clockAt(at(64));
    assertThat(minuteStats.isEmpty()).isTrue();
    clockAt(at(66));
    clockAt(at(186));

    assertThat(read())
        .extracting(MinuteStats::windowStart, MinuteStats::mean, MinuteStats::secondsLive,
            MinuteStats::changes)
        .containsExactly(
            tuple(NOON, 12.0, 50.0, 1),
            tuple(at(60), 12.0, 60.0, 0),
            tuple(at(120), 12.0, 60.0, 0));
  }

  @Test
  void aChangeArrivingWithinTheGraceCountsInItsOwnMinute() {
    start(at(0));
    commit("a", 10, true, at(0));
    clockAt(at(63));

    commit("a", 40, true, at(45)); // committed in the first minute, here 18 s later
    clockAt(at(69));

    assertThat(read())
        .extracting(MinuteStats::windowStart, MinuteStats::peak, MinuteStats::mean,
            MinuteStats::changes)
        .containsExactly(tuple(NOON, 40, 17.5, 2));
    assertThat(metric(ViewerCountTopology.LATE_CHANGES_METRIC)).isZero();
  }

  @Test
  void aChangeArrivingAfterItsMinuteClosedCountsInTheOpenMinuteAndAsLate() {
    start(at(0));
    commit("a", 10, true, at(0));
    clockAt(at(70));
    assertThat(read()).extracting(MinuteStats::peak).containsExactly(10);

    commit("a", 40, true, at(50)); // its minute was closed 5 s ago
    clockAt(at(80));
    clockAt(at(126));

    assertThat(read())
        .extracting(MinuteStats::windowStart, MinuteStats::peak, MinuteStats::min,
            MinuteStats::changes)
        .containsExactly(tuple(at(60), 40, 10, 1));
    assertThat(metric(ViewerCountTopology.LATE_CHANGES_METRIC)).isEqualTo(1);
  }

  @Test
  void aChangeOfALaterMinuteClosesTheMinutesOfEveryStreamBeforeIt() {
    start(at(0));
    commit("a", 10, true, at(5));
    commit("b", 20, true, at(6));

    commit("a", 11, true, at(61));

    assertThat(minuteStats.readKeyValuesToList())
        .extracting(record -> record.key)
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aBacklogIsCountedFromItsChangesNotFromTheClock() {
    start(at(600)); // the topology comes back ten minutes later, to changes it has not read
    commit("a", 10, true, at(10));
    clockAt(at(601)); // the clock ticks while the backlog is read: it must not close minute 0
    commit("a", 20, true, at(40));
    clockAt(at(602));
    commit("a", 30, true, at(90));

    assertThat(read())
        .extracting(MinuteStats::windowStart, MinuteStats::peak, MinuteStats::min,
            MinuteStats::mean)
        .containsExactly(tuple(NOON, 20, 10, 14.0)); // 10 for 30 s, 20 for 20 s
  }

  @Test
  void aStreamThatEndsMidMinuteGetsThatMinuteAndThenNoMore() {
    start(at(0));
    commit("a", 10, true, at(0));
    commitEnded("a", at(30));

    clockAt(at(66));
    clockAt(at(300));

    assertThat(read())
        .extracting(MinuteStats::secondsLive, MinuteStats::isLive, MinuteStats::changes)
        .containsExactly(tuple(30.0, false, 2));
  }

  @Test
  void aStreamDeletedMidMinuteGetsThatMinuteAtOnce() {
    start(at(0));
    commit("a", 10, true, at(0));

    changes.pipeInput("{\"id\":\"a\"}", ChangeEvents.delete("a", lsn++, at(20).toEpochMilli()));
    clockAt(at(300));

    assertThat(read())
        .extracting(MinuteStats::secondsLive, MinuteStats::isLive)
        .containsExactly(tuple(20.0, false));
  }

  @Test
  void aMinuteOpenWhenTheTopologyStoppedClosesAfterItRestoresFromItsChangelog() {
    start(at(0));
    commit("a", 10, true, at(0));
    commit("a", 40, true, at(45));
    List<KeyValue<String, byte[]>> changelog = storeAsChangelog(ViewerCountTopology.MINUTE_STORE);
    driver.close();

    start(at(50)); // another instance takes the task over, with the store from the changelog
    KeyValueStore<String, StreamMinute> restored =
        driver.getKeyValueStore(ViewerCountTopology.MINUTE_STORE);
    changelog.forEach(entry -> restored.put(entry.key, StreamMinuteSerde.decode(entry.value)));
    clockAt(at(66));

    assertThat(read())
        .extracting(MinuteStats::peak, MinuteStats::mean, MinuteStats::changes)
        .containsExactly(tuple(40, 17.5, 2));
  }

  @Test
  void recordsMatchThePublishedJsonSchema() {
    start(at(0));
    commit("a", 10, true, at(0));
    commitEnded("a", at(90));
    clockAt(at(200));

    List<String> values = minuteStats.readValuesToList();

    assertThat(values).hasSize(2);
    assertThat(values)
        .allSatisfy(json -> assertThat(PublishedSchema.MINUTE_STATS.violations(json)).isEmpty());
  }

  private void start(Instant wallClock) {
    clock = wallClock;
    TopologyProperties settings =
        CaptureFixture.topology(CdcDefaults.load().topology().applicationId(), stateDir);
    driver =
        new TopologyTestDriver(
            ViewerCountTopology.build(CDC_TOPIC, "viewer-counts", MINUTE_STATS, GRACE),
            ViewerCountTopology.streamsConfig(
                CaptureFixture.kafkaClient("unused:9092"), settings, (short) -1),
            wallClock);
    changes = driver.createInputTopic(CDC_TOPIC, new StringSerializer(), new StringSerializer());
    minuteStats =
        driver.createOutputTopic(MINUTE_STATS, new StringDeserializer(), new StringDeserializer());
  }

  private void commit(String id, int count, boolean live, Instant committed) {
    changes.pipeInput(
        "{\"id\":\"" + id + "\"}",
        ChangeEvents.change("u", id, count, live, null, lsn++, committed.toEpochMilli()));
  }

  private void commitEnded(String id, Instant committed) {
    changes.pipeInput(
        "{\"id\":\"" + id + "\"}",
        ChangeEvents.change(
            "u", id, 0, false, committed.toString(), lsn++, committed.toEpochMilli()));
  }

  private void clockAt(Instant wallClock) {
    driver.advanceWallClockTime(Duration.between(clock, wallClock));
    clock = wallClock;
  }

  private List<MinuteStats> read() {
    return minuteStats.readValuesToList().stream()
        .map(MinuteStatsJson::decode)
        .toList();
  }

  private List<KeyValue<String, byte[]>> storeAsChangelog(String store) {
    KeyValueStore<String, StreamMinute> minutes = driver.getKeyValueStore(store);
    List<KeyValue<String, byte[]>> entries = new ArrayList<>();
    try (KeyValueIterator<String, StreamMinute> all = minutes.all()) {
      all.forEachRemaining(e -> entries.add(KeyValue.pair(e.key, StreamMinuteSerde.encode(e.value))));
    }
    return entries;
  }

  private double metric(String name) {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(name))
        .map(e -> (Metric) e.getValue())
        .mapToDouble(m -> (double) m.metricValue())
        .sum();
  }

  private static Instant at(int seconds) {
    return NOON.plusSeconds(seconds);
  }
}
