package io.viewercounts.cdc.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.viewercounts.cdc.CaptureFixture;
import io.viewercounts.cdc.CaptureServers;
import io.viewercounts.cdc.ChangingRows;
import io.viewercounts.cdc.TopicReader;
import io.viewercounts.cdc.CdcProperties.TopologyProperties;
import io.viewercounts.cdc.capture.ChangeCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two topology instances of one application, as two cdc instances run them: their partitions and
 * transactions when one of them goes away.
 */
class TopologyHandoverTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /**
   * Far longer than any handover this test allows, so that only leaving the group (or fencing)
   * can explain a handover within {@link #WELL_BEFORE_ANY_TIMEOUT}.
   */
  private static final Duration LONG_TIMEOUT = Duration.ofMinutes(3);

  /** A third of {@link #LONG_TIMEOUT}: room for a loaded machine, none for waiting it out. */
  private static final Duration WELL_BEFORE_ANY_TIMEOUT = Duration.ofMinutes(1);

  @RegisterExtension static final CaptureServers servers = CaptureServers.postgresAndKafka();

  @TempDir Path stateDir;

  @Test
  void twoInstancesOnOneHostRunSideBySideWithOneStateDirectorySetting() {
    CaptureFixture setup = servers.fixture("sidebyside", 2);
    try (ViewerCountStreams first = setup.newTopology(stateDir);
        ViewerCountStreams second = setup.newTopology(stateDir)) {
      first.start();
      second.start();

      await().atMost(TIMEOUT).until(() -> running(first) && running(second));
      assertThat(first.failure()).isNull();
      assertThat(second.failure()).isNull();
    }
  }

  @Test
  void aStoppingInstanceHandsItsPartitionsOverWithoutWaitingForItsSessionToTimeOut() {
    CaptureFixture setup = servers.fixture("handover", 6);
    TopologyProperties slowToNoticeACrash =
        withTimeouts(CaptureFixture.topology(setup.applicationId(), stateDir), LONG_TIMEOUT);
    ChangingRows rows = new ChangingRows(setup.database(), "h", 12);
    try (ViewerCountStreams leaving = setup.newTopology(slowToNoticeACrash);
        ViewerCountStreams staying = setup.newTopology(slowToNoticeACrash);
        TopicReader viewerCounts = setup.viewerCountsReader();
        ChangeCapture capture = setup.newCapture()) {
      leaving.start();
      staying.start();
      await().atMost(TIMEOUT).until(() -> running(leaving) && running(staying));
      capture.start();
      CaptureFixture.awaitRunning(capture);
      rows.start();
      viewerCounts.awaitAll(records -> records.size() > 100, TIMEOUT);

      leaving.close();

      // Every row keeps changing; every change must arrive, exactly once, through the one left.
      rows.stopAfterAndAssertEveryChangeExactlyOnce(100, viewerCounts, WELL_BEFORE_ANY_TIMEOUT);
    } finally {
      rows.close();
    }
  }

  @Test
  void anOpenTransactionOfADepartedInstanceIsAbortedLongBeforeItsTimeout() {
    CaptureFixture setup = servers.fixture("fenced", 1);
    String topic = setup.topics().viewerCounts();
    String departed = setup.applicationId() + "-" + UUID.randomUUID() + "-1";
    Map<String, Object> client = CaptureFixture.kafkaClient(setup.bootstrapServers());
    try (KafkaProducer<String, String> crashed = transactional(client, departed);
        KafkaProducer<String, String> live = transactional(client, "live-writer");
        KafkaConsumer<String, String> reader =
            TopicReader.openAtBeginning(setup.bootstrapServers(), topic, Map.of());
        DepartedInstanceFencer fencer =
            new DepartedInstanceFencer(
                setup.applicationId(), client, client, new SimpleMeterRegistry())) {
      crashed.beginTransaction();
      crashed.send(new ProducerRecord<>(topic, "s", "never committed"));
      crashed.flush(); // and then, as if killed, nothing more
      live.beginTransaction();
      live.send(new ProducerRecord<>(topic, "s", "committed after it"));
      live.commitTransaction();

      fencer.start();

      List<String> read = readUntilAnyValue(reader, WELL_BEFORE_ANY_TIMEOUT);
      assertThat(read).containsExactly("committed after it");
    }
  }

  private static KafkaProducer<String, String> transactional(
      Map<String, Object> client, String transactionalId) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) LONG_TIMEOUT.toMillis());
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    producer.initTransactions();
    return producer;
  }

  /** What a read_committed reader gets, once it gets anything (an open transaction holds it). */
  private static List<String> readUntilAnyValue(
      KafkaConsumer<String, String> reader, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> values = new java.util.ArrayList<>();
      for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(100))) {
        values.add(record.value());
      }
      if (!values.isEmpty()) {
        return values;
      }
    }
    throw new AssertionError("the open transaction still held back its readers after " + timeout);
  }

  private static boolean running(ViewerCountStreams streams) {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  private static TopologyProperties withTimeouts(TopologyProperties settings, Duration timeout) {
    return new TopologyProperties(
        settings.applicationId(),
        settings.stateDir(),
        settings.processingGuarantee(),
        settings.commitInterval(),
        settings.fetchMaxWait(),
        settings.pollInterval(),
        settings.closeTimeout(),
        timeout,
        settings.heartbeatInterval(),
        settings.standbyReplicas(),
        timeout,
        settings.minuteGrace());
  }
}
