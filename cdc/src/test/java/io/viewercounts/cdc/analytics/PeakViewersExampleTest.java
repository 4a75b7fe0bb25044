package io.viewercounts.cdc.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.cdc.TestInfrastructure;
import io.viewercounts.events.MinuteStats;
import io.viewercounts.events.MinuteStatsJson;
import io.viewercounts.events.Topics;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The analytics documentation's consumer example runs, and says what the topic holds. */
class PeakViewersExampleTest {

  private static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");
  private static EmbeddedKafkaKraftBroker kafka;

  @BeforeAll
  static void startKafka() {
    kafka = TestInfrastructure.startKafka();
    kafka.addTopics(new NewTopic(Topics.VIEWER_COUNTS_1M, 2, (short) 1));
  }

  @AfterAll
  static void stopKafka() {
    kafka.destroy();
  }

  @Test
  void givesEachStreamItsHighestPeak() {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      send(producer, minute("a", 0, 12));
      send(producer, minute("a", 1, 40));
      send(producer, minute("b", 0, 3));
    }

    assertThat(PeakViewersExample.peaks(kafka.getBrokersAsString(), Topics.VIEWER_COUNTS_1M))
        .containsExactly(Map.entry("a", 40), Map.entry("b", 3));
  }

  private static MinuteStats minute(String stream, int minute, int peak) {
    Instant start = NOON.plusSeconds(60L * minute);
    return new MinuteStats(
        stream, start, start.plusSeconds(60), peak, 1, peak / 2.0, peak, 3, 60, true);
  }

  private static void send(KafkaProducer<String, byte[]> producer, MinuteStats stats) {
    producer.send(
        new ProducerRecord<>(
            Topics.VIEWER_COUNTS_1M, stats.streamId(), MinuteStatsJson.encodeToBytes(stats)));
  }
}
