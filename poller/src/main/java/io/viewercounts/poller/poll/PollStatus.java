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
   * @param consecutiveFailures failed cycles since the latest success
   * @param streamsSeen streams listed by the latest successful cycle
   */
  public record Snapshot(
      Instant lastSuccessAt,
      Instant lastFailureAt,
      String lastFailureKind,
      String lastFailureMessage,
      int consecutiveFailures,
      int streamsSeen) {

    /** Whether any cycle has completed, successfully or not. */
    public boolean anyCycleCompleted() {
      return lastSuccessAt != null || lastFailureAt != null;
    }

    /** Whether a cycle succeeded no longer than {@code maxAge} before {@code now}. */
    public boolean succeededWithin(Duration maxAge, Instant now) {
      return lastSuccessAt != null && !lastSuccessAt.plus(maxAge).isBefore(now);
    }
  }

  private volatile Snapshot snapshot = new Snapshot(null, null, null, null, 0, 0);

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
            streamsSeen);
  }

  public synchronized void recordFailure(Instant at, String kind, String message) {
    Snapshot previous = snapshot;
    snapshot =
        new Snapshot(
            previous.lastSuccessAt(),
            at,
            kind,
            message,
            previous.consecutiveFailures() + 1,
            previous.streamsSeen());
  }
}
