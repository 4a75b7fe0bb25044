package io.viewercounts.cdc.topology;

import io.viewercounts.events.MinuteStats;
import io.viewercounts.events.ViewerCount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-minute statistics of every stream, from its ViewerCount changes: one {@link MinuteStats} per
 * stream per minute in which it was live, once the minute has closed.
 *
 * <p>Time is commit time. Changes reach a task in commit order, so once a change committed at T
 * has arrived, every minute that ended by T is complete, for every stream of the task: such a
 * change closes them all. While no change arrives, the wall clock closes them instead, a grace
 * after their end (so a stream with a steady count gets its record every minute, and a change still
 * on its way through the capture within the grace counts in its own minute). A change that arrives
 * later than that counts in the open minute, and in the late-changes metric. The wall clock never
 * closes a minute while changes are still arriving, so a task catching up on a backlog computes
 * its minutes from the changes themselves.
 */
final class MinuteStatsProcessor implements Processor<String, ViewerCount, String, MinuteStats> {

  /** How often the wall clock is looked at; a quiet minute closes within this of its grace. */
  static final Duration CLOCK_CHECK = Duration.ofSeconds(1);

  /** On the topology's first run, how far back the series of a stream already live may start. */
  static final Duration FIRST_RUN_HISTORY = Duration.ofMinutes(30);

  private final long graceMillis;

  private ProcessorContext<String, MinuteStats> context;
  private KeyValueStore<String, StreamMinute> minutes;
  private Sensor lateChanges;
  /** The latest commit time among the changes this task has processed. */
  private long committedUpTo = Long.MIN_VALUE;
  /** Wall-clock time of the last change processed (of the start, before any). */
  private long lastChangeArrived = Long.MIN_VALUE;
  /** The earliest end of an open minute in the store: until then nothing closes. */
  private long nextWindowEnd = Long.MIN_VALUE;

  MinuteStatsProcessor(Duration grace) {
    this.graceMillis = grace.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, MinuteStats> context) {
    this.context = context;
    this.minutes = context.getStateStore(ViewerCountTopology.MINUTE_STORE);
    this.lateChanges =
        context
            .metrics()
            .addRateTotalSensor(
                ViewerCountTopology.METRICS_SCOPE,
                context.taskId().toString(),
                ViewerCountTopology.LATE_CHANGES_OPERATION,
                Sensor.RecordingLevel.INFO);
    context.schedule(CLOCK_CHECK, PunctuationType.WALL_CLOCK_TIME, this::closeQuietMinutes);
    long now = context.currentSystemTimeMs();
    // A task that starts may have a backlog to read first: the clock waits a grace for it.
    lastChangeArrived = now;
    seedLiveStreams(now);
  }

  @Override
  public void process(Record<String, ViewerCount> record) {
    ViewerCount count = record.value();
    long at = count != null && count.changedAt() != null
        ? count.changedAt().toEpochMilli()
        : record.timestamp();
    lastChangeArrived = context.currentSystemTimeMs();
    committedUpTo = Math.max(committedUpTo, at);
    closeMinutesEndedBy(committedUpTo);

    String streamId = record.key();
    StreamMinute minute = minutes.get(streamId);
    if (minute != null && minute.isLate(at)) {
      lateChanges.record();
    }
    if (count == null) {
      if (minute != null) {
        minute.delete(at, streamId, stats -> emit(streamId, stats));
        minutes.delete(streamId);
      }
      return;
    }
    if (minute == null) {
      minute = StreamMinute.first(count.viewerCount(), count.isLive(), at);
    } else {
      minute.change(count.viewerCount(), count.isLive(), at, streamId, s -> emit(streamId, s));
    }
    minutes.put(streamId, minute);
    nextWindowEnd = Math.min(nextWindowEnd, minute.windowEnd());
  }

  /** While no change arrives, the wall clock closes what ended more than the grace ago. */
  private void closeQuietMinutes(long now) {
    if (now - lastChangeArrived >= graceMillis) {
      closeMinutesEndedBy(Math.max(committedUpTo, now - graceMillis));
    }
  }

  /** Closes, for every stream of the task, the minutes that ended by {@code time}. */
  private void closeMinutesEndedBy(long time) {
    if (time < nextWindowEnd) {
      return; // the usual case: no minute has ended
    }
    List<KeyValue<String, StreamMinute>> changed = new ArrayList<>();
    List<String> idle = new ArrayList<>();
    long earliestEnd = Long.MAX_VALUE;
    try (KeyValueIterator<String, StreamMinute> all = minutes.all()) {
      while (all.hasNext()) {
        KeyValue<String, StreamMinute> entry = all.next();
        StreamMinute minute = entry.value;
        if (minute.windowEnd() <= time) {
          minute.closeBefore(time, entry.key, stats -> emit(entry.key, stats));
          if (minute.isIdle()) {
            idle.add(entry.key); // ended: nothing to count until it changes again
            continue;
          }
          changed.add(entry);
        }
        earliestEnd = Math.min(earliestEnd, minute.windowEnd());
      }
    }
    minutes.putAll(changed);
    idle.forEach(minutes::delete);
    nextWindowEnd = earliestEnd;
  }

  /**
   * Opens a minute for each live stream of the task that has none: on the topology's first run,
   * every stream already live would otherwise get no record until its count changes. Its count
   * has held since its last change, but its series starts at most {@link #FIRST_RUN_HISTORY} back.
   */
  private void seedLiveStreams(long now) {
    KeyValueStore<String, ViewerCount> lastEmitted =
        context.getStateStore(ViewerCountTopology.STORE);
    long earliest = StreamMinute.minuteOf(now - FIRST_RUN_HISTORY.toMillis());
    List<KeyValue<String, StreamMinute>> seeded = new ArrayList<>();
    try (KeyValueIterator<String, ViewerCount> all = lastEmitted.all()) {
      while (all.hasNext()) {
        ViewerCount count = all.next().value;
        if (count.isLive() && minutes.get(count.streamId()) == null) {
          long since = count.changedAt() == null ? now : count.changedAt().toEpochMilli();
          seeded.add(
              KeyValue.pair(
                  count.streamId(),
                  StreamMinute.holding(count.viewerCount(), true, Math.max(since, earliest))));
        }
      }
    }
    minutes.putAll(seeded);
  }

  private void emit(String streamId, MinuteStats stats) {
    context.forward(new Record<>(streamId, stats, stats.windowEnd().toEpochMilli()));
  }

  @Override
  public void close() {
    context.metrics().removeSensor(lateChanges);
  }
}
