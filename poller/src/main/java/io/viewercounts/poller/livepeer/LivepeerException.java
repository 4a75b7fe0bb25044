package io.viewercounts.poller.livepeer;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Livepeer did not give a usable answer. The message says what went wrong and never contains the
 * API key; {@link #kind()} says which sort of failure it was, so callers can count, retry or back
 * off per kind.
 */
public final class LivepeerException extends RuntimeException {

  /** The sorts of failure, as tagged in metrics and logs. */
  public enum Kind {
    /** Any answer outside 2xx except 429. */
    HTTP_STATUS,
    /** HTTP 429; {@link #retryAfter()} holds the server's Retry-After when it sent one. */
    RATE_LIMITED,
    /** Connecting or waiting for the answer took longer than configured. */
    TIMEOUT,
    /** The connection could not be made or broke. */
    CONNECTION,
    /** The answer is not JSON, has the wrong shape or holds values we refuse. */
    MALFORMED;

    /** The lower-case name used as a metric tag. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;
  private final Duration retryAfter;

  LivepeerException(Kind kind, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** How long Livepeer asked us to wait before calling again, if it said so. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
