package io.viewercounts.cdc.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viewercounts.cdc.CaptureFixture;
import io.viewercounts.cdc.CdcDefaults;
import io.viewercounts.cdc.CdcProperties.TopologyProperties;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ViewerCountStreamsConfigTest {

  private static final Map<String, Object> KAFKA = CaptureFixture.kafkaClient("kafka:9092");

  private final TopologyProperties defaults = CdcDefaults.load().topology();

  @Test
  void defaultsAreExactlyOnceWithShortCommitInterval() {
    Properties config = ViewerCountTopology.streamsConfig(KAFKA, defaults, (short) -1);

    assertThat(config)
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "viewercount-topology")
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 10L)
        .containsEntry(StreamsConfig.POLL_MS_CONFIG, 10L)
        .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1)
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, defaults.stateDir());
    assertThat(defaults.stateDir()).endsWith("viewercount-topology");
  }

  @Test
  void mainConsumerWaitsBrieflyForNewChanges() {
    StreamsConfig config =
        new StreamsConfig(ViewerCountTopology.streamsConfig(KAFKA, defaults, (short) 3));

    Map<String, Object> consumer = config.getMainConsumerConfigs("group", "client", 0);

    assertThat(consumer).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    assertThat(config.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
  }

  @Test
  void aStoppingInstanceLeavesTheGroupSoItsPartitionsMoveAtOnce() {
    StreamsConfig config =
        new StreamsConfig(ViewerCountTopology.streamsConfig(KAFKA, defaults, (short) 3));

    assertThat(config.getMainConsumerConfigs("group", "client", 0))
        .containsEntry("internal.leave.group.on.close", true);
  }

  @Test
  void aCrashedInstanceIsNoticedWithinTheLeastSessionTimeoutAStockBrokerAccepts() {
    StreamsConfig config =
        new StreamsConfig(ViewerCountTopology.streamsConfig(KAFKA, defaults, (short) 3));

    assertThat(config.getMainConsumerConfigs("group", "client", 0))
        .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000)
        .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
  }

  @Test
  void everyTaskHasAWarmStandbyAndTransactionsAStatedTimeout() {
    StreamsConfig config =
        new StreamsConfig(ViewerCountTopology.streamsConfig(KAFKA, defaults, (short) 3));

    assertThat(config.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
    assertThat(config.getProducerConfigs("client"))
        .containsEntry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
  }

  @Test
  void aTransactionRefusedWhileTheLastOneCompletesIsRetriedSoon() {
    StreamsConfig config =
        new StreamsConfig(ViewerCountTopology.streamsConfig(KAFKA, defaults, (short) 3));

    assertThat(config.getProducerConfigs("client"))
        .containsEntry(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 20);
  }

  @Test
  void streamsNamesItsClientsAfterItsProcessEvenWhenAClientIdIsConfigured() {
    Map<String, Object> withClientId =
        Map.of("bootstrap.servers", "kafka:9092", CommonClientConfigs.CLIENT_ID_CONFIG, "mine");

    Properties config = ViewerCountTopology.streamsConfig(withClientId, defaults, (short) 3);

    assertThat(config).doesNotContainKey(CommonClientConfigs.CLIENT_ID_CONFIG);
  }

  @Test
  void aHeartbeatSlowerThanAThirdOfTheSessionTimeoutIsRefused() {
    assertThatThrownBy(
            () ->
                new TopologyProperties(
                    "app", "/tmp/state", StreamsConfig.EXACTLY_ONCE_V2, Duration.ofMillis(10),
                    Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(2),
                    Duration.ofSeconds(6), Duration.ofMillis(2_001), 1, Duration.ofSeconds(10),
                    Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cdc.topology.heartbeat-interval (PT2.001S)")
        .hasMessageContaining("at most a third of cdc.topology.session-timeout (PT6S)");
  }

  @Test
  void atLeastOnceProducerSendsWithoutLingering() {
    TopologyProperties atLeastOnce =
        new TopologyProperties(
            "app",
            "/tmp/state",
            StreamsConfig.AT_LEAST_ONCE,
            Duration.ofMillis(40),
            Duration.ofMillis(5),
            Duration.ofMillis(5),
            Duration.ofSeconds(2),
            Duration.ofSeconds(6),
            Duration.ofSeconds(1),
            0,
            Duration.ofSeconds(10),
            Duration.ofSeconds(5));

    StreamsConfig config =
        new StreamsConfig(ViewerCountTopology.streamsConfig(KAFKA, atLeastOnce, (short) 1));

    assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.AT_LEAST_ONCE);
    assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(40);
    assertThat(config.getProducerConfigs("client"))
        .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0);
  }
}
