package io.viewercounts.poller.poll;

import io.viewercounts.poller.livepeer.LivepeerClient;
import io.viewercounts.poller.livepeer.LivepeerException;
import io.viewercounts.poller.livepeer.LivepeerStream;
import io.viewercounts.poller.livepeer.PlaybackViews;
import io.viewercounts.poller.streams.StreamMerge;
import io.viewercounts.poller.streams.StreamRow;
import io.viewercounts.poller.streams.StreamTableWriter;
import io.viewercounts.poller.streams.WriteResult;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll: ask Livepeer for the streams and their viewers, merge, write what changed.
 *
 * <p>All or nothing: when either call or the write fails, the cycle writes nothing, logs one line
 * (kind and message), counts the failure and returns; the next cycle starts afresh.
 */
public final class PollCycle implements PollLoop.Cycle {

  private static final Logger log = LoggerFactory.getLogger(PollCycle.class);

  private final LivepeerClient livepeer;
  private final StreamTableWriter writer;
  private final PollerMetrics metrics;
  private final PollStatus status;
  private final Clock clock;

  public PollCycle(
      LivepeerClient livepeer,
      StreamTableWriter writer,
      PollerMetrics metrics,
      PollStatus status,
      Clock clock) {
    this.livepeer = Objects.requireNonNull(livepeer, "livepeer");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.status = Objects.requireNonNull(status, "status");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public CycleResult run() throws InterruptedException {
    long start = System.nanoTime();
    CycleResult result = attempt();
    metrics.recordCycle(System.nanoTime() - start, result.succeeded());
    return result;
  }

  private CycleResult attempt() throws InterruptedException {
    try {
      List<LivepeerStream> streams = call("streams", livepeer::streams);
      List<PlaybackViews> views = call("views_now", livepeer::viewsNow);
      List<StreamRow> rows = StreamMerge.rows(streams, views);
      WriteResult written = writer.write(rows);
      succeeded(rows.size(), written);
      return CycleResult.success(written);
    } catch (LivepeerException e) {
      return failed(e.kind().tag(), e.getMessage(), e.retryAfter());
    } catch (SQLException e) {
      return failed(PollerMetrics.DATABASE, e.getMessage(), Optional.empty());
    } catch (RuntimeException e) {
      // A bug, not an outage: log its stack trace, and keep polling.
      return failed(PollerMetrics.INTERNAL, String.valueOf(e), Optional.empty(), e);
    }
  }

  private void succeeded(int streamsSeen, WriteResult written) {
    PollStatus.Snapshot before = status.snapshot();
    status.recordSuccess(clock.instant(), streamsSeen);
    metrics.recordSuccess(streamsSeen, written.changed());
    if (before.lastSuccessAt() == null) {
      log.info(
          "First poll cycle done: {} streams, {} rows written", streamsSeen, written.changed());
    } else if (before.consecutiveFailures() > 0) {
      log.info("Polling recovered after {} failed cycles", before.consecutiveFailures());
    }
    log.debug(
        "Poll cycle: {} streams, {} rows updated, {} inserted",
        streamsSeen,
        written.updated(),
        written.inserted());
  }

  private CycleResult failed(String kind, String detail, Optional<Duration> retryAfter) {
    return failed(kind, detail, retryAfter, null);
  }

  private CycleResult failed(
      String kind, String detail, Optional<Duration> retryAfter, RuntimeException bug) {
    // Driver messages span lines ("ERROR: ...\n  Position: 629"); a failure is one log line.
    String message = String.valueOf(detail).strip().replaceAll("\\s*\\R\\s*", " ");
    if (bug == null) {
      log.warn("Poll cycle failed ({}): {}", kind, message);
    } else {
      log.error("Poll cycle failed ({}): {}", kind, message, bug);
    }
    metrics.recordFailure(kind);
    status.recordFailure(clock.instant(), kind, message);
    return CycleResult.failure(kind, retryAfter);
  }

  private <T> List<T> call(String name, LivepeerCall<T> call) throws InterruptedException {
    long start = System.nanoTime();
    boolean succeeded = false;
    try {
      List<T> answer = call.get();
      succeeded = true;
      return answer;
    } finally {
      metrics.recordCall(name, System.nanoTime() - start, succeeded);
    }
  }

  @FunctionalInterface
  private interface LivepeerCall<T> {
    List<T> get() throws InterruptedException;
  }
}
