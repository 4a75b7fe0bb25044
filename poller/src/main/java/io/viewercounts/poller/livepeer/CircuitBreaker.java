package io.viewercounts.poller.livepeer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling Livepeer while it is down. After {@code failureThreshold} requests in a row failed
 * from an outage (retries exhausted), the circuit opens: for {@code openDuration} no request is
 * sent, each fails at once as {@link LivepeerException.Kind#CIRCUIT_OPEN}. Then it is half open:
 * the next request is a single try (no retries); if Livepeer answers, the circuit closes, if not,
 * it opens again for another {@code openDuration}.
 *
 * <p>It logs once when it opens and once when it closes, never per request: an outage of an hour
 * is two log lines, not thousands. Any answer, even a 4xx or a 429, proves Livepeer is reachable
 * and counts as a success here. Thread-safe.
 */
public final class CircuitBreaker {

  /** Where the circuit stands; {@link #tag()} is the metric tag. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN;

    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

  private final int failureThreshold;
  private final Duration openDuration;
  private final Clock clock;

  private State state = State.CLOSED;
  private int consecutiveOutages;
  private Instant openedAt;
  private Instant openUntil;

  /**
   * @param failureThreshold requests in a row failed from an outage that open the circuit
   * @param openDuration how long the circuit stays open before a trial request
   */
  public CircuitBreaker(int failureThreshold, Duration openDuration, Clock clock) {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException(
          "failureThreshold must be at least 1, was " + failureThreshold);
    }
    this.openDuration = Objects.requireNonNull(openDuration, "openDuration");
    if (openDuration.isNegative() || openDuration.isZero()) {
      throw new IllegalArgumentException("openDuration must be positive, was " + openDuration);
    }
    this.failureThreshold = failureThreshold;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A circuit that never opens, for a client without one. */
  public static CircuitBreaker neverOpens() {
    return new CircuitBreaker(Integer.MAX_VALUE, Duration.ofDays(1), Clock.systemUTC());
  }

  public synchronized State state() {
    return state;
  }

  /**
   * Lets {@code call} go out, or refuses it while the circuit is open.
   *
   * @return true when it may be retried, false when it is the half-open trial (one try only)
   * @throws LivepeerException of kind CIRCUIT_OPEN while the circuit is open
   */
  synchronized boolean permit(String call) {
    if (state == State.OPEN) {
      if (clock.instant().isBefore(openUntil)) {
        throw new LivepeerException(
            LivepeerException.Kind.CIRCUIT_OPEN,
            call + " not sent: the circuit is open until " + openUntil + " after repeated failures",
            null,
            null);
      }
      state = State.HALF_OPEN;
    }
    return state == State.CLOSED;
  }

  /** Livepeer answered (whatever it answered): it is reachable. */
  synchronized void recordAnswer() {
    consecutiveOutages = 0;
    if (state != State.CLOSED) {
      log.info(
          "Livepeer answers again: circuit closed after {} open",
          Duration.between(openedAt, clock.instant()));
      state = State.CLOSED;
      openedAt = null;
    }
  }

  /** A request failed from an outage, after its retries. */
  synchronized void recordOutage(LivepeerException failure) {
    consecutiveOutages++;
    if (state == State.HALF_OPEN) {
      // The trial failed: still down. Already said when the circuit first opened.
      open();
    } else if (state == State.CLOSED && consecutiveOutages >= failureThreshold) {
      openedAt = clock.instant();
      open();
      log.warn(
          "Livepeer circuit opened after {} failed requests in a row (last: {}): no calls for {},"
              + " then one trial call every {} until Livepeer answers",
          consecutiveOutages,
          failure.getMessage(),
          openDuration,
          openDuration);
    }
  }

  private void open() {
    state = State.OPEN;
    openUntil = clock.instant().plus(openDuration);
  }
}
