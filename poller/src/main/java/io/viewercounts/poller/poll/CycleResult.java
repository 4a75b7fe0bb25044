package io.viewercounts.poller.poll;

import io.viewercounts.poller.streams.WriteResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one poll cycle ended: it wrote, it failed, or it stood by because another poller is active
 * (both null).
 *
 * @param written what the cycle changed in the table; null when it failed or stood by
 * @param failureKind the metric tag of the failure (e.g. {@code timeout}); null unless it failed
 * @param retryAfter how long Livepeer asked us to wait; null when it did not
 */
public record CycleResult(WriteResult written, String failureKind, Duration retryAfter) {

  /** Another poller holds the lock: this one did not poll. */
  public static final CycleResult STANDBY = new CycleResult(null, null, null);

  public CycleResult {
    if (written != null && failureKind != null) {
      throw new IllegalArgumentException("a cycle either wrote or failed");
    }
  }

  public static CycleResult success(WriteResult written) {
    return new CycleResult(Objects.requireNonNull(written, "written"), null, null);
  }

  public static CycleResult failure(String kind, Optional<Duration> retryAfter) {
    return new CycleResult(null, Objects.requireNonNull(kind, "kind"), retryAfter.orElse(null));
  }

  public boolean succeeded() {
    return written != null;
  }

  public boolean stoodBy() {
    return written == null && failureKind == null;
  }
}
