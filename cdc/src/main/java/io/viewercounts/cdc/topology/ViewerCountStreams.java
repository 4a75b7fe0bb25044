package io.viewercounts.cdc.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the ViewerCount topology. Started once, closed once; its metrics go to the registry while it
 * runs.
 */
public final class ViewerCountStreams implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ViewerCountStreams.class);

  private final Topology topology;
  private final Properties config;
  private final MeterRegistry registry;
  private final Duration closeTimeout;

  private InstanceStateDirectory stateDirectory;
  private KafkaStreams streams;
  private KafkaStreamsMetrics metrics;
  private volatile Throwable failure;
  private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
  private boolean closed;

  /**
   * @param config from {@link ViewerCountTopology#streamsConfig}; its state directory is the base
   *     under which the instance takes a directory of its own ({@link InstanceStateDirectory})
   */
  public ViewerCountStreams(
      Topology topology, Properties config, MeterRegistry registry, Duration closeTimeout) {
    this.topology = topology;
    this.config = config;
    this.registry = registry;
    this.closeTimeout = closeTimeout;
  }

  public synchronized void start() {
    if (streams != null || closed) {
      throw new IllegalStateException("the topology starts only once");
    }
    stateDirectory =
        InstanceStateDirectory.claim(Path.of(config.getProperty(StreamsConfig.STATE_DIR_CONFIG)));
    Properties instanceConfig = new Properties();
    instanceConfig.putAll(config);
    instanceConfig.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.path().toString());
    log.info("Topology state in {}", stateDirectory.path());
    streams = new KafkaStreams(topology, instanceConfig);
    streams.setStateListener(
        (now, before) -> {
          log.info("Topology state {} -> {}", before, now);
          state = now;
        });
    streams.setUncaughtExceptionHandler(
        error -> {
          // Health shows the client as down with this error; an operator or orchestrator restarts.
          failure = error;
          log.error("Topology failed, shutting its Kafka Streams client down", error);
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    metrics = new KafkaStreamsMetrics(streams);
    metrics.bindTo(registry);
    streams.start();
  }

  /**
   * The Streams client's state, as last logged: whoever acts on a state (health, the standalone's
   * ready message) comes after its log line. CREATED before {@link #start()}.
   */
  public KafkaStreams.State state() {
    return state;
  }

  /** The error that stopped the client, or null. */
  public Throwable failure() {
    return failure;
  }

  @Override
  public synchronized void close() {
    if (streams == null || closed) {
      closed = true;
      return;
    }
    closed = true;
    if (!streams.close(closeTimeout)) {
      log.warn("Topology did not stop within {}", closeTimeout);
    }
    metrics.close();
    stateDirectory.close();
  }
}
