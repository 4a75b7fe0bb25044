package io.viewercounts.poller.poll;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of the latest poll cycles, kept for the health check. Thread-safe: cycles record,
 * health probes read snapshots.
 */
public final class PollStatus {

  /**
   * What health shows.
   *
   * @param lastSuccessAt end of the latest successful cycle, null before the first
   * @param lastFailureAt end of the latest failed cycle, null if none failed
   * @param lastFailureKind the metric tag of the latest failure, null if none
   * @param lastFailureMessage its message (never contains the API key), null if none
   * @param consecutiveFailures failed cycles since the latest success or standby
   * @param streamsSeen streams listed by the latest successful cycle
   * @param active whether this poller held the leader lock at its latest cycle
   * @param lastStandbyAt the latest cycle that stood by because another poller is active, null if
   *     none
   */
  public record Snapshot(
      Instant lastSuccessAt,
      Instant lastFailureAt,
      String lastFailureKind,
      String lastFailureMessage,
      int consecutiveFailures,
      int streamsSeen,
      boolean active,
      Instant lastStandbyAt) {

    /** Whether any cycle has completed, successfully, failed or standing by. */
    public boolean anyCycleCompleted() {
      return lastSuccessAt != null || lastFailureAt != null || lastStandbyAt != null;
    }

    /** Whether a cycle succeeded no longer than {@code maxAge} before {@code now}. */
    public boolean succeededWithin(Duration maxAge, Instant now) {
      return within(lastSuccessAt, maxAge, now);
    }

    /** Whether a cycle stood by, the database answering, no longer than {@code maxAge} ago. */
    public boolean stoodByWithin(Duration maxAge, Instant now) {
      return within(lastStandbyAt, maxAge, now);
    }

    private static boolean within(Instant at, Duration maxAge, Instant now) {
      return at != null && !at.plus(maxAge).isBefore(now);
    }
  }

  private volatile Snapshot snapshot = new Snapshot(null, null, null, null, 0, 0, false, null);

  public Snapshot snapshot() {
    return snapshot;
  }

  public synchronized void recordSuccess(Instant at, int streamsSeen) {
    Snapshot previous = snapshot;
    snapshot =
        new Snapshot(
            at,
            previous.lastFailureAt(),
            previous.lastFailureKind(),
            previous.lastFailureMessage(),
            0,
            streamsSeen,
            true,
            previous.lastStandbyAt());
  }

  public synchronized void recordStandby(Instant at) {
    Snapshot previous = snapshot;
    snapshot =
        new Snapshot(
            previous.lastSuccessAt(),
            previous.lastFailureAt(),
            previous.lastFailureKind(),
            previous.lastFailureMessage(),
            0,
            previous.streamsSeen(),
            false,
            at);
  }

  /** A failed cycle; {@code active} says whether this poller still held the lock. */
  public synchronized void recordFailure(
      Instant at, String kind, String message, boolean active) {
    Snapshot previous = snapshot;
    snapshot =
        new Snapshot(
            previous.lastSuccessAt(),
            at,
            kind,
            message,
            previous.consecutiveFailures() + 1,
            previous.streamsSeen(),
            active,
            previous.lastStandbyAt());
  }
}
