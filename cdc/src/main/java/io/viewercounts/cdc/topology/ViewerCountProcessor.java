package io.viewercounts.cdc.topology;

import io.viewercounts.cdc.topology.StreamChange.MalformedChangeException;
import io.viewercounts.events.ViewerCount;
import java.util.Optional;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns change events of {@code streams} rows into ViewerCount events keyed by stream id: one per
 * visible change, a tombstone per delete, nothing for a change captured twice.
 *
 * <p>The store is local to the task of one CDC partition, and that is enough: Debezium keys each
 * event by the row's primary key, the stream id, so every change of a stream lands in the same CDC
 * partition, in commit order. The stream id taken from the value therefore never needs a
 * repartition topic before the store.
 */
final class ViewerCountProcessor implements Processor<String, byte[], String, ViewerCount> {

  private static final Logger log = LoggerFactory.getLogger(ViewerCountProcessor.class);

  /** Malformed records are logged at WARN once per this many (and the first), else at DEBUG. */
  private static final long WARN_EVERY = 1000;

  private ProcessorContext<String, ViewerCount> context;
  private KeyValueStore<String, ViewerCount> lastEmitted;
  private Sensor malformedRecords;
  private long malformedSeen;

  @Override
  public void init(ProcessorContext<String, ViewerCount> context) {
    this.context = context;
    this.lastEmitted = context.getStateStore(ViewerCountTopology.STORE);
    this.malformedRecords =
        context
            .metrics()
            .addRateTotalSensor(
                ViewerCountTopology.METRICS_SCOPE,
                context.taskId().toString(),
                ViewerCountTopology.MALFORMED_RECORDS_OPERATION,
                Sensor.RecordingLevel.INFO);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.value() == null) {
      return; // a Debezium tombstone: op=d before it already said everything
    }
    Optional<StreamChange> parsed;
    try {
      parsed = StreamChange.parse(record.value());
    } catch (MalformedChangeException e) {
      skipMalformed(e);
      return;
    }
    if (parsed.isEmpty()) {
      return; // a heartbeat or a change of another table: nothing a viewer sees
    }
    StreamChange change = parsed.get();
    ViewerCount previous = lastEmitted.get(change.streamId());
    if (previous != null && change.version() <= previous.version()) {
      return; // captured again after a crash before the offset commit, or older than shown
    }
    // Each output record is stamped with its change's commit: a tombstone's only time.
    long committedAt = change.committedAt().toEpochMilli();
    if (change.isDelete()) {
      lastEmitted.delete(change.streamId());
      context.forward(new Record<>(change.streamId(), null, committedAt));
    } else if (change.after().differsVisiblyFrom(previous)) {
      lastEmitted.put(change.streamId(), change.after());
      context.forward(new Record<>(change.streamId(), change.after(), committedAt));
    }
  }

  private void skipMalformed(MalformedChangeException e) {
    malformedRecords.record();
    String where =
        context
            .recordMetadata()
            .map(meta -> meta.topic() + "-" + meta.partition() + "@" + meta.offset())
            .orElse("?");
    if (malformedSeen++ % WARN_EVERY == 0) {
      log.warn(
          "Skipped a malformed change record at {} ({}); {} skipped by this task so far",
          where,
          e.getMessage(),
          malformedSeen);
    } else {
      log.debug("Skipped a malformed change record at {} ({})", where, e.getMessage());
    }
  }

  @Override
  public void close() {
    context.metrics().removeSensor(malformedRecords);
  }
}
