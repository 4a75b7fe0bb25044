package io.viewercounts.poller.poll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.viewercounts.poller.livepeer.CircuitBreaker;
import io.viewercounts.poller.livepeer.LivepeerException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The poller's meters, all named {@code viewercounts.poller.*}. */
public final class PollerMetrics {

  static final String CYCLE = "viewercounts.poller.cycle";
  static final String LIVEPEER_CALLS = "viewercounts.poller.livepeer.calls";
  static final String ERRORS = "viewercounts.poller.errors";
  static final String ROWS_CHANGED = "viewercounts.poller.rows.changed";
  static final String STREAMS = "viewercounts.poller.streams";
  static final String ACTIVE = "viewercounts.poller.active";
  static final String RETRIES = "viewercounts.poller.livepeer.retries";
  static final String CIRCUIT = "viewercounts.poller.livepeer.circuit";

  /** Failure kinds besides Livepeer's own. */
  static final String DATABASE = "database";

  static final String SUSPECT_EMPTY = "suspect_empty";
  static final String INTERNAL = "internal";

  private final MeterRegistry registry;
  private final DistributionSummary rowsChanged;
  private final AtomicInteger streams = new AtomicInteger();
  private final AtomicInteger active = new AtomicInteger();

  /** @param circuit the Livepeer client's circuit, whose state is shown as a gauge */
  public PollerMetrics(MeterRegistry registry, CircuitBreaker circuit) {
    this.registry = Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(circuit, "circuit");
    this.rowsChanged =
        DistributionSummary.builder(ROWS_CHANGED)
            .description("Rows of streams changed (updated or inserted) by a successful cycle")
            .baseUnit("rows")
            .register(registry);
    Gauge.builder(STREAMS, streams, AtomicInteger::get)
        .description("Streams listed by Livepeer in the latest successful cycle")
        .register(registry);
    Gauge.builder(ACTIVE, active, AtomicInteger::get)
        .description("1 while this poller holds the leader lock and polls, 0 while it stands by")
        .register(registry);
    // One series per state, 1 for the current one, as resilience4j shows its circuits.
    for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
      Gauge.builder(CIRCUIT, circuit, c -> c.state() == state ? 1 : 0)
          .description("1 for the state the Livepeer circuit is in, 0 for the others")
          .tag("state", state.tag())
          .register(registry);
    }
    // Every kind exists from the start, so a rate over errors shows 0 rather than no data.
    for (LivepeerException.Kind kind : LivepeerException.Kind.values()) {
      errors(kind.tag());
      if (kind.outage()) {
        retries(kind);
      }
    }
    errors(DATABASE);
    errors(SUSPECT_EMPTY);
    errors(INTERNAL);
  }

  /** Counts one retry of a Livepeer request that failed with {@code kind}. */
  public void recordRetry(LivepeerException.Kind kind) {
    retries(kind).increment();
  }

  void recordActive(boolean isActive) {
    active.set(isActive ? 1 : 0);
  }

  void recordCycle(long nanos, boolean succeeded) {
    Timer.builder(CYCLE)
        .description("Duration of a whole poll cycle: both Livepeer calls and the write")
        .tag("outcome", succeeded ? "success" : "failure")
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  void recordCall(String call, long nanos, boolean succeeded) {
    Timer.builder(LIVEPEER_CALLS)
        .description("Latency of one Livepeer API call, all its pages included")
        .tag("call", call)
        .tag("outcome", succeeded ? "success" : "failure")
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  void recordFailure(String kind) {
    errors(kind).increment();
  }

  void recordSuccess(int streamsSeen, int changedRows) {
    streams.set(streamsSeen);
    rowsChanged.record(changedRows);
  }

  private Counter retries(LivepeerException.Kind kind) {
    return Counter.builder(RETRIES)
        .description("Livepeer requests tried again within a cycle, by kind of failure")
        .tag("kind", kind.tag())
        .register(registry);
  }

  private Counter errors(String kind) {
    return Counter.builder(ERRORS)
        .description("Failed poll cycles, by kind of failure")
        .tag("kind", kind)
        .register(registry);
  }
}
