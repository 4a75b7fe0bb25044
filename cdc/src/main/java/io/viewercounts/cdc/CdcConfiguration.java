package io.viewercounts.cdc;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.viewercounts.cdc.CdcProperties.CaptureProperties;
import io.viewercounts.cdc.CdcProperties.TopicsProperties;
import io.viewercounts.cdc.capture.CaptureStatus;
import io.viewercounts.cdc.capture.ChangeCapture;
import io.viewercounts.cdc.capture.DatabaseConnection;
import io.viewercounts.cdc.capture.KafkaConnection;
import io.viewercounts.cdc.capture.SlotMonitor;
import io.viewercounts.cdc.topology.DepartedInstanceFencer;
import io.viewercounts.cdc.topology.ViewerCountStreams;
import io.viewercounts.cdc.topology.ViewerCountTopology;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The whole cdc module: the capture of {@code public.streams} into the CDC topic, the topology from
 * there to {@code viewer-counts}, the topics, health and lifecycles. Imported by CdcApplication and
 * by the standalone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CdcProperties.class)
public class CdcConfiguration {

  /**
   * The capture, the topology and their helpers start and stop together (after the poller stops,
   * before the broadcaster's feed in the standalone): a stopping instance hands the slot and its
   * partitions to the other instances at once, each part without waiting for the others.
   */
  static final int PHASE = 200;

  // --- topics: created at start-up by Boot's KafkaAdmin, before any lifecycle starts. Like every
  // Kafka client of the module (KafkaClientConfigs), it takes the spring.kafka.* client settings.

  @Bean
  NewTopic cdcChangeTopic(CdcProperties properties) {
    TopicsProperties topics = properties.topics();
    return expiring(topics.cdcTopic(), topics.cdcRetention(), topics);
  }

  @Bean
  NewTopic cdcViewerCountsTopic(CdcProperties properties) {
    TopicsProperties topics = properties.topics();
    // Compacted: a reader from the beginning gets every stream's latest count; a tombstone
    // removes a deleted stream for good.
    return newTopic(topics.viewerCounts(), topics)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }

  @Bean
  NewTopic cdcMinuteStatsTopic(CdcProperties properties) {
    TopicsProperties topics = properties.topics();
    // A series, not a state: old minutes expire, none replaces another.
    return expiring(topics.minuteStats(), topics.minuteStatsRetention(), topics);
  }

  /** A topic whose records are deleted once older than {@code retention}. */
  private static NewTopic expiring(String name, Duration retention, TopicsProperties topics) {
    return newTopic(name, topics)
        .configs(
            Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(retention.toMillis())));
  }

  private static NewTopic newTopic(String name, TopicsProperties topics) {
    Optional<Short> replicationFactor =
        topics.replicationFactor() == -1
            ? Optional.empty()
            : Optional.of(topics.replicationFactor());
    return new NewTopic(name, Optional.of(topics.partitions()), replicationFactor);
  }

  // --- capture

  @Bean
  ChangeCapture cdcChangeCapture(
      DataSource dataSource,
      DataSourceProperties dataSourceProperties,
      KafkaProperties kafkaProperties,
      KafkaConnectionDetails kafkaConnectionDetails,
      CdcProperties properties) {
    DatabaseConnection database =
        new DatabaseConnection(
            dataSourceProperties.determineUrl(),
            dataSourceProperties.determineUsername(),
            dataSourceProperties.determinePassword());
    KafkaClientConfigs kafka = new KafkaClientConfigs(kafkaProperties, kafkaConnectionDetails);
    return new ChangeCapture(
        dataSource,
        database,
        new KafkaConnection(kafka.admin(), kafka.producer()),
        properties.capture(),
        properties.topics());
  }

  @Bean
  SmartLifecycle cdcCaptureLifecycle(ChangeCapture capture) {
    return new ManagedLifecycle("capture", PHASE, capture::start, capture::close);
  }

  /**
   * Whether this instance captures (1) or not (0): summed over the instances, an alert wants
   * exactly one. Health says the same to probes; metrics keep its history for alerts.
   */
  @Bean
  MeterBinder cdcCaptureActiveMetric(ChangeCapture capture, CdcProperties properties) {
    return registry ->
        Gauge.builder(
                "viewercounts.cdc.capture.active",
                capture,
                c -> c.status().phase() == CaptureStatus.Phase.RUNNING ? 1 : 0)
            .description("1 while this instance's capture streams changes from the slot")
            .tag("slot", properties.capture().slotName())
            .register(registry);
  }

  @Bean
  SlotMonitor cdcSlotMonitor(
      DataSource dataSource, CdcProperties properties, MeterRegistry registry) {
    CaptureProperties capture = properties.capture();
    return new SlotMonitor(
        dataSource,
        capture.slotName(),
        capture.retainedWalWarning().toBytes(),
        capture.slotCheckInterval(),
        registry);
  }

  @Bean
  SmartLifecycle cdcSlotMonitorLifecycle(SlotMonitor monitor) {
    return new ManagedLifecycle("slot-monitor", PHASE, monitor::start, monitor::close);
  }

  /** UP while capturing (role active) or standing by for the instance that does (role standby). */
  @Bean
  HealthIndicator captureHealthIndicator(ChangeCapture capture) {
    return () -> {
      CaptureStatus.Snapshot status = capture.status();
      Health.Builder health = status.isUp() ? Health.up() : Health.down();
      health.withDetail("phase", status.phase());
      if (status.role() != null) {
        health.withDetail("role", status.role());
      }
      if (status.detail() != null) {
        health.withDetail("detail", status.detail());
      }
      return health.build();
    };
  }

  // --- topology

  @Bean
  ViewerCountStreams cdcViewerCountStreams(
      KafkaProperties kafkaProperties,
      KafkaConnectionDetails kafkaConnectionDetails,
      CdcProperties properties,
      MeterRegistry registry) {
    TopicsProperties topics = properties.topics();
    return new ViewerCountStreams(
        ViewerCountTopology.build(
            topics.cdcTopic(),
            topics.viewerCounts(),
            topics.minuteStats(),
            properties.topology().minuteGrace()),
        ViewerCountTopology.streamsConfig(
            new KafkaClientConfigs(kafkaProperties, kafkaConnectionDetails).streams(),
            properties.topology(),
            topics.replicationFactor()),
        registry,
        properties.topology().closeTimeout());
  }

  @Bean
  SmartLifecycle cdcTopologyLifecycle(ViewerCountStreams streams) {
    return new ManagedLifecycle("topology", PHASE, streams::start, streams::close);
  }

  @Bean
  DepartedInstanceFencer cdcDepartedInstanceFencer(
      KafkaProperties kafkaProperties,
      KafkaConnectionDetails kafkaConnectionDetails,
      CdcProperties properties,
      MeterRegistry registry) {
    KafkaClientConfigs kafka = new KafkaClientConfigs(kafkaProperties, kafkaConnectionDetails);
    return new DepartedInstanceFencer(
        properties.topology().applicationId(), kafka.admin(), kafka.producer(), registry);
  }

  @Bean
  SmartLifecycle cdcDepartedInstanceFencerLifecycle(DepartedInstanceFencer fencer) {
    return new ManagedLifecycle("topology-fencer", PHASE, fencer::start, fencer::close);
  }

  /** 1 while this instance's topology runs (its health is UP), for alerts. */
  @Bean
  MeterBinder cdcTopologyRunningMetric(ViewerCountStreams streams) {
    return registry ->
        Gauge.builder("viewercounts.cdc.topology.running", streams, s -> isUp(s.state()) ? 1 : 0)
            .description("1 while this instance's Kafka Streams client runs or rebalances")
            .register(registry);
  }

  private static boolean isUp(KafkaStreams.State state) {
    return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
  }

  @Bean
  HealthIndicator topologyHealthIndicator(ViewerCountStreams streams) {
    return () -> {
      KafkaStreams.State state = streams.state();
      Health.Builder health = isUp(state) ? Health.up() : Health.down();
      health.withDetail("state", state);
      if (streams.failure() != null) {
        health.withDetail("error", streams.failure().toString());
      }
      return health.build();
    };
  }
}
