package io.viewercounts.cdc;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.viewercounts.cdc.CdcProperties.CaptureProperties;
import io.viewercounts.cdc.CdcProperties.TopicsProperties;
import io.viewercounts.cdc.CdcProperties.TopologyProperties;
import io.viewercounts.cdc.capture.CaptureStatus;
import io.viewercounts.cdc.capture.ChangeCapture;
import io.viewercounts.cdc.capture.DatabaseConnection;
import io.viewercounts.cdc.capture.KafkaConnection;
import io.viewercounts.cdc.topology.ViewerCountStreams;
import io.viewercounts.cdc.topology.ViewerCountTopology;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.unit.DataSize;

/**
 * One capture pipeline of its own on shared servers: its own database (migrated), slot,
 * publication, offsets topic, CDC topic, viewer-counts topic and Streams application id, all named
 * after {@code name}.
 */
public record CaptureFixture(
    String jdbcUrl,
    String bootstrapServers,
    DataSource database,
    CaptureProperties capture,
    TopicsProperties topics) {

  /** Quick retries and heartbeats, so that tests see takeovers and slot moves soon. */
  public static final Duration RETRY_INTERVAL = Duration.ofMillis(500);

  public static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(200);

  /** Creates the database and the topics. */
  public static CaptureFixture create(
      EmbeddedPostgres postgres, EmbeddedKafkaKraftBroker kafka, String name, int partitions) {
    DataSource database = TestInfrastructure.createMigratedDatabase(postgres, name);
    TopicsProperties topics = topics(name, partitions);
    kafka.addTopics(
        new NewTopic(topics.cdcTopic(), partitions, (short) 1),
        new NewTopic(topics.viewerCounts(), partitions, (short) 1),
        new NewTopic(topics.minuteStats(), partitions, (short) 1));
    return new CaptureFixture(
        TestInfrastructure.jdbcUrl(postgres, name),
        kafka.getBrokersAsString(),
        database,
        capture(name),
        topics);
  }

  /** The capture settings of a fixture: defaults, with its names and quick intervals. */
  public static CaptureProperties capture(String name) {
    CaptureProperties defaults = CdcDefaults.load().capture();
    return new CaptureProperties(
        name,
        name + "_publication",
        name + "-offsets",
        defaults.pollInterval(),
        defaults.offsetFlushInterval(),
        defaults.sendTimeout(),
        defaults.shutdownTimeout(),
        HEARTBEAT_INTERVAL,
        RETRY_INTERVAL,
        Duration.ofSeconds(10),
        defaults.slotCheckInterval(),
        DataSize.ofGigabytes(1));
  }

  public static TopicsProperties topics(String name, int partitions) {
    TopicsProperties defaults = CdcDefaults.load().topics();
    return new TopicsProperties(
        name,
        name + "-viewer-counts",
        partitions,
        (short) -1,
        defaults.cdcRetention(),
        name + "-viewer-counts-1m",
        defaults.minuteStatsRetention());
  }

  public String name() {
    return capture.slotName();
  }

  public DatabaseConnection connection() {
    return new DatabaseConnection(jdbcUrl, "postgres", null);
  }

  public ChangeCapture newCapture() {
    return newCapture(capture);
  }

  public ChangeCapture newCapture(CaptureProperties settings) {
    return new ChangeCapture(database, connection(), kafkaAt(bootstrapServers), settings, topics);
  }

  /** Plain Kafka clients of the capture, with nothing but where Kafka is. */
  public static KafkaConnection kafkaAt(String bootstrapServers) {
    Map<String, Object> client = kafkaClient(bootstrapServers);
    return new KafkaConnection(client, client);
  }

  public static Map<String, Object> kafkaClient(String bootstrapServers) {
    return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
  }

  /** The topology from this fixture's CDC topic to its viewer-counts topic, not started. */
  public ViewerCountStreams newTopology(Path stateDir) {
    return newTopology(topology(applicationId(), stateDir));
  }

  /** The topology from this fixture's CDC topic to its viewer-counts topic, not started. */
  public ViewerCountStreams newTopology(TopologyProperties settings) {
    return new ViewerCountStreams(
        ViewerCountTopology.build(
            topics.cdcTopic(), topics.viewerCounts(), topics.minuteStats(), settings.minuteGrace()),
        ViewerCountTopology.streamsConfig(kafkaClient(bootstrapServers), settings, (short) 1),
        new SimpleMeterRegistry(),
        settings.closeTimeout());
  }

  /** The Streams application id of this fixture's topology. */
  public String applicationId() {
    return name() + "-topology";
  }

  /** The topology settings: defaults, with the given application id and state directory. */
  public static TopologyProperties topology(String applicationId, Path stateDir) {
    TopologyProperties defaults = CdcDefaults.load().topology();
    return new TopologyProperties(
        applicationId,
        stateDir.toString(),
        defaults.processingGuarantee(),
        defaults.commitInterval(),
        defaults.fetchMaxWait(),
        defaults.pollInterval(),
        defaults.closeTimeout(),
        defaults.sessionTimeout(),
        defaults.heartbeatInterval(),
        defaults.standbyReplicas(),
        defaults.transactionTimeout(),
        defaults.minuteGrace());
  }

  public TopicReader cdcReader() {
    return new TopicReader(bootstrapServers, topics.cdcTopic());
  }

  public TopicReader viewerCountsReader() {
    return new TopicReader(bootstrapServers, topics.viewerCounts());
  }

  public void execute(String sql) {
    TestInfrastructure.execute(database, sql);
  }

  /** Waits until the capture's engine runs (it holds the slot and changes flow). */
  public static void awaitRunning(ChangeCapture capture) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> capture.status().phase() == CaptureStatus.Phase.RUNNING);
  }

  /** A live stream row with a count. */
  public static String insert(String id, int viewers) {
    return "INSERT INTO streams (id, playback_id, name, is_live, viewer_count) VALUES ('"
        + id
        + "', 'pb-"
        + id
        + "', 'Stream "
        + id
        + "', true, "
        + viewers
        + ")";
  }
}
