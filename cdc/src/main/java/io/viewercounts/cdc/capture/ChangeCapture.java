package io.viewercounts.cdc.capture;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.viewercounts.cdc.CdcProperties.CaptureProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Debezium engine capturing {@code public.streams} into the CDC topic, on its own thread.
 * Started once, closed once; a restart is a new instance, which resumes from the offsets in Kafka.
 */
public final class ChangeCapture implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChangeCapture.class);
  private static final Duration CLOSE_RETRY_PAUSE = Duration.ofMillis(50);

  private final CaptureStartupCheck startupCheck;
  private final Properties engineProperties;
  private final Properties producerProperties;
  private final Duration sendTimeout;
  private final Duration shutdownTimeout;
  private final CaptureStatus status = new CaptureStatus();

  private ExecutorService executor;
  private DebeziumEngine<ChangeEvent<String, String>> engine;
  private KafkaProducer<String, String> producer;
  private boolean closed;

  /**
   * @param engineProperties from {@link CaptureConfig#engine}
   * @param producerProperties from {@link CaptureConfig#producer}
   */
  public ChangeCapture(
      CaptureStartupCheck startupCheck,
      Properties engineProperties,
      Properties producerProperties,
      CaptureProperties settings) {
    this.startupCheck = startupCheck;
    this.engineProperties = engineProperties;
    this.producerProperties = producerProperties;
    this.sendTimeout = settings.sendTimeout();
    this.shutdownTimeout = settings.shutdownTimeout();
  }

  /**
   * Checks PostgreSQL, then starts the engine and returns; health follows {@link #status()}.
   *
   * @throws IllegalStateException when PostgreSQL is not ready for capture, saying what to do
   */
  public synchronized void start() {
    if (engine != null || closed) {
      throw new IllegalStateException("the capture starts only once; restart with a new one");
    }
    startupCheck.verify();
    producer = new KafkaProducer<>(producerProperties);
    engine =
        DebeziumEngine.create(Json.class)
            .using(engineProperties)
            .using((DebeziumEngine.ConnectorCallback) status)
            .using((DebeziumEngine.CompletionCallback) status)
            .notifying(new KafkaChangeSink(producer, sendTimeout))
            .build();
    executor =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "cdc-capture");
              // A hung engine must never keep the JVM alive after shutdown.
              thread.setDaemon(true);
              return thread;
            });
    status.starting();
    executor.execute(engine);
    log.info(
        "Capture starting: slot {}, publication {}, CDC topic prefix {}",
        engineProperties.getProperty("slot.name"),
        engineProperties.getProperty("publication.name"),
        engineProperties.getProperty("topic.prefix"));
  }

  public CaptureStatus.Snapshot status() {
    return status.snapshot();
  }

  /** Stops the engine (it commits its offsets) and waits at most the shutdown timeout. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long deadline = System.nanoTime() + shutdownTimeout.toNanos();
    if (engine != null) {
      closeEngine(deadline);
      awaitEngineThread(deadline);
    }
    if (producer != null) {
      producer.close(Duration.ofNanos(remaining(deadline)));
    }
  }

  private void closeEngine(long deadline) {
    while (true) {
      CaptureStatus.Phase phase = status.snapshot().phase();
      if (phase == CaptureStatus.Phase.STOPPED || phase == CaptureStatus.Phase.FAILED) {
        return;
      }
      try {
        engine.close();
        return;
      } catch (IllegalStateException e) {
        // Debezium refuses to stop while its task is starting (it would leak connections).
        if (remaining(deadline) <= 0 || !pause()) {
          log.warn("Capture could not be stopped in time: {}", e.getMessage());
          return;
        }
      } catch (IOException e) {
        log.warn("Capture did not stop cleanly: {}", e.toString());
        return;
      }
    }
  }

  private void awaitEngineThread(long deadline) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS)) {
        log.warn("Capture did not stop within {}, interrupting it", shutdownTimeout);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Waits a little; false when interrupted. */
  private static boolean pause() {
    try {
      Thread.sleep(CLOSE_RETRY_PAUSE.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }
}
