package io.viewercounts.cdc.capture;

import io.debezium.DebeziumException;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes each batch of change events to Kafka, as debezium-server's Kafka sink does: send all, then
 * wait for every acknowledgement and mark the records processed in order. Any failure throws, so
 * the engine commits no offset past a change Kafka has not got; it stops, and the next start
 * re-sends from the last committed offset.
 *
 * <p>Only changes of {@code streams} go to Kafka. The engine also hands over Debezium's heartbeat
 * records and the changes of the heartbeat table: they are marked processed without a send, so
 * their positions are committed (which is what moves the slot) and no reader ever sees them.
 */
final class KafkaChangeSink implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> {

  private final Producer<String, String> producer;
  private final String cdcTopic;
  private final Duration sendTimeout;

  /**
   * @param cdcTopic the topic of the changes of {@code streams}; records for any other destination
   *     are not sent
   */
  KafkaChangeSink(Producer<String, String> producer, String cdcTopic, Duration sendTimeout) {
    this.producer = producer;
    this.cdcTopic = cdcTopic;
    this.sendTimeout = sendTimeout;
  }

  @Override
  public void handleBatch(
      List<ChangeEvent<String, String>> records,
      DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
      throws InterruptedException {
    List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(records.size());
    for (ChangeEvent<String, String> record : records) {
      // Debezium keys by the row's primary key, so Kafka puts every change of one stream in one
      // partition, in commit order.
      acknowledgements.add(
          cdcTopic.equals(record.destination())
              ? producer.send(
                  new ProducerRecord<>(record.destination(), record.key(), record.value()))
              : null);
    }
    long deadline = System.nanoTime() + sendTimeout.toNanos();
    for (int i = 0; i < records.size(); i++) {
      if (acknowledgements.get(i) != null) {
        awaitAcknowledgement(acknowledgements.get(i), records.get(i), deadline);
      }
      committer.markProcessed(records.get(i));
    }
    committer.markBatchFinished();
  }

  private void awaitAcknowledgement(
      Future<RecordMetadata> acknowledgement, ChangeEvent<String, String> record, long deadline)
      throws InterruptedException {
    try {
      acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new DebeziumException(
          "Kafka refused a change for topic " + record.destination() + ": " + e.getCause(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new DebeziumException(
          "Kafka did not acknowledge a change for topic "
              + record.destination()
              + " within "
              + sendTimeout,
          e);
    }
  }
}
