package io.viewercounts.poller.poll;

import io.viewercounts.poller.leader.LeaderLock;
import io.viewercounts.poller.livepeer.CircuitBreaker;
import io.viewercounts.poller.livepeer.LivepeerClient;
import io.viewercounts.poller.livepeer.LivepeerException;
import io.viewercounts.poller.livepeer.LivepeerStream;
import io.viewercounts.poller.livepeer.PlaybackViews;
import io.viewercounts.poller.streams.StreamMerge;
import io.viewercounts.poller.streams.StreamRow;
import io.viewercounts.poller.streams.StreamTableWriter;
import io.viewercounts.poller.streams.WriteResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One poll: make sure this poller is the active one, ask Livepeer for the streams and their
 * viewers, merge, write what changed through the session that holds the leader lock.
 *
 * <p>A poller that does not hold the lock stands by: it calls neither Livepeer nor the table. All
 * or nothing: when the lock, either call or the write fails, or the stream list is a suspect empty
 * one ({@link EmptyListRule}), the cycle writes nothing, logs one line (kind and message), counts
 * the failure and returns; the next cycle starts afresh. After a write, live streams the list no
 * longer holds are ended once they have been missing long enough ({@link UnlistedStreamRule}). While Livepeer's circuit is open the
 * circuit has said so once, and failed cycles are logged at debug level only.
 */
public final class PollCycle implements PollLoop.Cycle {

  private static final Logger log = LoggerFactory.getLogger(PollCycle.class);

  private final LivepeerClient livepeer;
  private final LeaderLock lock;
  private final StreamTableWriter writer;
  private final EmptyListRule emptyLists;
  private final UnlistedStreamRule unlistedStreams;
  private final PollerMetrics metrics;
  private final PollStatus status;
  private final Clock clock;
  private boolean active;

  /**
   * @param emptyListConfirmations empty stream lists in a row that are believed (see {@link
   *     EmptyListRule})
   * @param unlistedStreamConfirmations believed lists in a row a live stream must be missing from
   *     before it is ended (see {@link UnlistedStreamRule})
   */
  public PollCycle(
      LivepeerClient livepeer,
      LeaderLock lock,
      StreamTableWriter writer,
      int emptyListConfirmations,
      int unlistedStreamConfirmations,
      PollerMetrics metrics,
      PollStatus status,
      Clock clock) {
    this.livepeer = Objects.requireNonNull(livepeer, "livepeer");
    this.lock = Objects.requireNonNull(lock, "lock");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.emptyLists = new EmptyListRule(emptyListConfirmations);
    this.unlistedStreams = new UnlistedStreamRule(unlistedStreamConfirmations);
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.status = Objects.requireNonNull(status, "status");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public CycleResult run() throws InterruptedException {
    Optional<Connection> session;
    try {
      session = lock.acquire();
    } catch (SQLException e) {
      becomeActive(false);
      return failed(PollerMetrics.DATABASE, "leader lock: " + e.getMessage(), Optional.empty());
    }
    becomeActive(session.isPresent());
    if (session.isEmpty()) {
      status.recordStandby(clock.instant());
      return CycleResult.STANDBY;
    }
    long start = System.nanoTime();
    CycleResult result = poll(session.get());
    metrics.recordCycle(System.nanoTime() - start, result.succeeded());
    return result;
  }

  private void becomeActive(boolean nowActive) {
    if (nowActive && !active) {
      // What an earlier term of office saw may be stale: judge the next lists afresh.
      emptyLists.forget();
      unlistedStreams.forget();
    }
    active = nowActive;
    metrics.recordActive(nowActive);
  }

  private CycleResult poll(Connection session) throws InterruptedException {
    try {
      List<LivepeerStream> streams = call("streams", livepeer::streams);
      Optional<String> doubt = emptyLists.doubt(streams.size());
      if (doubt.isPresent()) {
        return failed(PollerMetrics.SUSPECT_EMPTY, doubt.get(), Optional.empty());
      }
      List<PlaybackViews> views = call("views_now", livepeer::viewsNow);
      List<StreamRow> rows = StreamMerge.rows(streams, views);
      WriteResult written = writer.write(session, rows);
      endUnlisted(session, rows);
      succeeded(rows.size(), written);
      return CycleResult.success(written);
    } catch (LivepeerException e) {
      // While the circuit is open it has said so once: a line per skipped cycle would drown that.
      Level level =
          livepeer.circuitState() == CircuitBreaker.State.CLOSED ? Level.WARN : Level.DEBUG;
      return failed(e.kind().tag(), e.getMessage(), e.retryAfter(), level, null);
    } catch (SQLException e) {
      return failed(PollerMetrics.DATABASE, e.getMessage(), Optional.empty());
    } catch (RuntimeException e) {
      // A bug, not an outage: log its stack trace, and keep polling.
      return failed(PollerMetrics.INTERNAL, String.valueOf(e), Optional.empty(), Level.ERROR, e);
    }
  }

  /** Ends the live streams missing from this and the previous believed lists. */
  private void endUnlisted(Connection session, List<StreamRow> rows) throws SQLException {
    List<String> gone = unlistedStreams.ended(writer.liveUnlisted(session, rows));
    int ended = writer.end(session, gone);
    if (ended > 0) {
      log.info(
          "Ended {} live streams Livepeer no longer lists ({} lists in a row without them): {}",
          ended,
          unlistedStreams.confirmations(),
          gone.size() <= 10 ? gone : gone.subList(0, 10) + " and " + (gone.size() - 10) + " more");
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
    return failed(kind, detail, retryAfter, Level.WARN, null);
  }

  private CycleResult failed(
      String kind,
      String detail,
      Optional<Duration> retryAfter,
      Level level,
      RuntimeException bug) {
    // Driver messages span lines ("ERROR: ...\n  Position: 629"); a failure is one log line.
    String message = String.valueOf(detail).strip().replaceAll("\\s*\\R\\s*", " ");
    log.atLevel(level).setCause(bug).log("Poll cycle failed ({}): {}", kind, message);
    metrics.recordFailure(kind);
    status.recordFailure(clock.instant(), kind, message, lock.isHeld());
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
