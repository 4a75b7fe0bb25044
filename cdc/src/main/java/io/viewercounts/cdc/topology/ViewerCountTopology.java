package io.viewercounts.cdc.topology;

import io.viewercounts.cdc.CdcProperties.TopologyProperties;
import io.viewercounts.events.ViewerCount;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams topology from the CDC topic (Debezium change events of {@code streams}) to
 * {@code viewer-counts} (one ViewerCount per visible change, keyed by stream id), and from those
 * changes to {@code viewer-counts-1m} (each live stream's statistics per closed minute).
 */
public final class ViewerCountTopology {

  /** The state store of the last ViewerCount emitted per stream id. */
  public static final String STORE = "last-emitted-viewer-counts";

  /** The state store of each stream's open minute, for {@code viewer-counts-1m}. */
  public static final String MINUTE_STORE = "open-stream-minutes";

  /** Scope of the topology's own metrics: group {@code stream-viewercounts-metrics}. */
  public static final String METRICS_SCOPE = "viewercounts";

  /**
   * The consumer's internal switch that Streams turns off; there is no public one for a member
   * without a static {@code group.instance.id}.
   */
  static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

  static final String LATE_CHANGES_OPERATION = "late-minute-changes";

  /** The metric counting changes that reached the minute statistics after their minute closed. */
  public static final String LATE_CHANGES_METRIC = LATE_CHANGES_OPERATION + "-total";

  static final String MALFORMED_RECORDS_OPERATION = "malformed-change-records";

  /** The metric counting skipped malformed CDC records, one per task. */
  public static final String MALFORMED_RECORDS_METRIC = MALFORMED_RECORDS_OPERATION + "-total";

  private ViewerCountTopology() {}

  /**
   * @param minuteStatsTopic where each stream's per-minute statistics go
   * @param grace how long after a minute's end a change of that minute still counts in it
   */
  public static Topology build(
      String cdcTopic, String viewerCountsTopic, String minuteStatsTopic, Duration grace) {
    StoreBuilder<KeyValueStore<String, ViewerCount>> lastEmitted =
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.String(), StoredViewerCountSerde.serde());
    StoreBuilder<KeyValueStore<String, StreamMinute>> openMinutes =
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(MINUTE_STORE),
            Serdes.String(),
            StreamMinuteSerde.serde());
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(lastEmitted);
    builder.addStateStore(openMinutes);
    KStream<String, ViewerCount> viewerCounts =
        builder.stream(cdcTopic, Consumed.with(Serdes.String(), Serdes.ByteArray()))
            .process(ViewerCountProcessor::new, STORE);
    viewerCounts.to(viewerCountsTopic, Produced.with(Serdes.String(), EventSerdes.viewerCount()));
    // The same task reads the last-emitted store to seed the minutes of streams it has never
    // seen change (the first run of this topology, with streams already live).
    viewerCounts
        .process(() -> new MinuteStatsProcessor(grace), MINUTE_STORE, STORE)
        .to(minuteStatsTopic, Produced.with(Serdes.String(), EventSerdes.minuteStats()));
    return builder.build();
  }

  /**
   * The Streams configuration: the operator's client settings, which Streams passes on to each of
   * its consumers, producers and admin client, with the topology's own settings on top.
   *
   * @param kafkaClient Kafka client settings: bootstrap servers, security protocol, SSL, SASL, ...
   * @param replicationFactor of the internal changelog topic, -1 for the broker's default
   */
  public static Properties streamsConfig(
      Map<String, Object> kafkaClient, TopologyProperties settings, short replicationFactor) {
    Properties props = new Properties();
    props.putAll(kafkaClient);
    // Streams names its clients after the application id and its process id, which is how the
    // survivors tell a departed instance's transactions from live ones (DepartedInstanceFencer).
    props.remove(CommonClientConfigs.CLIENT_ID_CONFIG);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
    // With exactly-once, output becomes visible to read_committed readers only when the
    // transaction commits, once per commit interval (default 100 ms): 10 ms keeps that wait
    // short (on average half of it), for one small transaction per interval while changes flow
    // and none while idle. Measured at 1,000 changes/s: the topology's median share fell from
    // 28 ms at 25 ms to 15 ms at 10 ms.
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
    // A commit falls due only when the thread looks, between polls; a poll with no new input
    // blocks up to poll.ms (default 100 ms), which then delays the commit of the last change
    // by that much. 10 ms keeps the commit near its interval, for a wake-up every 10 ms when idle.
    props.put(StreamsConfig.POLL_MS_CONFIG, settings.pollInterval().toMillis());
    // A fetch that finds no new change waits on the broker at most this long (default 500 ms),
    // so a change that the long poll does not wake up for (e.g. waiting on read_committed's
    // stable offset) is picked up within it.
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
        (int) settings.fetchMaxWait().toMillis());
    handover(props, settings);
    // Exactly-once with transactions version 2 (Kafka 4): the first send of a transaction goes
    // out while the broker may still write the last one's commit markers, and is refused with
    // CONCURRENT_TRANSACTIONS until they are written; the producer retries it after
    // retry.backoff.ms, 100 ms by default, doubling. With a commit every 10 ms, that backoff, not
    // the markers, would set the latency (seen on three brokers with replication 3). 20 ms is
    // what the client used for the same refusal before Kafka 4 (KAFKA-5477).
    props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 20);
    if (StreamsConfig.AT_LEAST_ONCE.equals(settings.processingGuarantee())) {
      // Streams makes its producer linger 100 ms to batch; a count update should leave at once.
      // (With exactly-once Streams fixes linger.ms itself, and every commit flushes anyway.)
      props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
    }
    return props;
  }

  /** The settings that bound how long the partitions of a departed instance stand still. */
  private static void handover(Properties props, TopologyProperties settings) {
    // Streams keeps its members in the group when they close (so that a quick restart moves
    // nothing), which leaves the partitions of a stopped instance unserved until its session
    // times out. A deploy must hand them over at once: the main consumer leaves on close.
    props.put(StreamsConfig.mainConsumerPrefix(LEAVE_GROUP_ON_CLOSE), true);
    props.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
        (int) settings.sessionTimeout().toMillis());
    props.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
        (int) settings.heartbeatInterval().toMillis());
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
        (int) settings.transactionTimeout().toMillis());
  }
}
