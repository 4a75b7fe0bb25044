package io.viewercounts.cdc.capture;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * One Debezium engine with the producer of its changes, built before it is needed, and the lock
 * it gives up as soon as its task has stopped.
 *
 * <p>A standby builds the engine it will run while it waits (building connects nothing but the
 * producer, which meets Kafka and gets its producer id ahead), so a takeover starts it at once:
 * measured, building took about a quarter of a second of every takeover.
 *
 * <p>When Debezium stops the engine's task, it has committed the task's offsets to Kafka and closed
 * its replication connection; only the offset store is left to close, another third of a second.
 * The capture lock is released right then: the next engine resumes from those offsets, and the
 * topology drops any change it would see twice by version.
 */
final class PreparedEngine implements DebeziumEngine.ConnectorCallback, AutoCloseable {

  private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(1);

  private final KafkaProducer<String, String> producer;
  private final DebeziumEngine<ChangeEvent<String, String>> engine;
  private final CaptureStatus status;
  /** The lock it runs under: null until it is handed over to run. */
  private volatile CaptureLeadership.Lease lease;

  /**
   * @param cdcTopic the topic of the changes of {@code streams}
   * @param sendTimeout how long the engine's sink waits for Kafka's acknowledgement of a batch
   */
  PreparedEngine(
      Properties engineProperties,
      Map<String, Object> producerProperties,
      String cdcTopic,
      Duration sendTimeout,
      CaptureStatus status) {
    this.status = status;
    this.producer = new KafkaProducer<>(producerProperties);
    try {
      this.engine =
          DebeziumEngine.create(Json.class)
              .using(engineProperties)
              .using((DebeziumEngine.ConnectorCallback) this)
              .using((DebeziumEngine.CompletionCallback) status)
              .notifying(new KafkaChangeSink(producer, cdcTopic, sendTimeout))
              .build();
    } catch (RuntimeException e) {
      producer.close(PRODUCER_CLOSE_TIMEOUT);
      throw e;
    }
  }

  /** The engine, to run once under the given lock, which it releases when its task stops. */
  DebeziumEngine<ChangeEvent<String, String>> engineUnder(CaptureLeadership.Lease held) {
    this.lease = held;
    return engine;
  }

  @Override
  public void taskStarted() {
    status.taskStarted();
  }

  @Override
  public void taskStopped() {
    CaptureLeadership.Lease held = lease;
    if (held != null) {
      held.close();
    }
  }

  /** Closes the producer, and the engine if it never ran (running, it closes itself). */
  @Override
  public void close() {
    try {
      if (lease == null) {
        engine.close();
      }
    } catch (IOException | RuntimeException e) {
      // An engine that never ran holds no connection: nothing is left behind.
    } finally {
      producer.close(PRODUCER_CLOSE_TIMEOUT);
    }
  }
}
