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
    /** An answer outside 2xx that is neither 429 nor 5xx: the request itself is refused (401...). */
    HTTP_STATUS,
    /** A 5xx answer: Livepeer (or a proxy before it) is failing. */
    SERVER_ERROR,
    /** HTTP 429; {@link #retryAfter()} holds the server's Retry-After when it sent one. */
    RATE_LIMITED,
    /** Connecting or waiting for the answer took longer than configured. */
    TIMEOUT,
    /** The connection could not be made or broke. */
    CONNECTION,
    /** The answer is not JSON, has the wrong shape or holds values we refuse. */
    MALFORMED,
    /** Not sent: the circuit is open after repeated outages (see {@link CircuitBreaker}). */
    CIRCUIT_OPEN;

    /** The lower-case name used as a metric tag. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this kind says Livepeer is unavailable rather than refusing the request: a 5xx, a
     * timeout or a broken connection. Only these are retried and only these open the circuit; a
     * 4xx, a 429 or a malformed answer comes from an API that is up, and asking again at once
     * would get the same answer.
     */
    public boolean outage() {
      return this == SERVER_ERROR || this == TIMEOUT || this == CONNECTION;
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

  /** Whether this failure says Livepeer is unavailable; see {@link Kind#outage()}. */
  public boolean outage() {
    return kind.outage();
  }

  /** How long Livepeer asked us to wait before calling again, if it said so. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
