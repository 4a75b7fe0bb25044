package io.viewercounts.poller.poll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

  /** Failure kinds besides Livepeer's own. */
  static final String DATABASE = "database";

  static final String INTERNAL = "internal";

  private final MeterRegistry registry;
  private final DistributionSummary rowsChanged;
  private final AtomicInteger streams = new AtomicInteger();

  public PollerMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.rowsChanged =
        DistributionSummary.builder(ROWS_CHANGED)
            .description("Rows of streams changed (updated or inserted) by a successful cycle")
            .baseUnit("rows")
            .register(registry);
    Gauge.builder(STREAMS, streams, AtomicInteger::get)
        .description("Streams listed by Livepeer in the latest successful cycle")
        .register(registry);
    // Every kind exists from the start, so a rate over errors shows 0 rather than no data.
    for (LivepeerException.Kind kind : LivepeerException.Kind.values()) {
      errors(kind.tag());
    }
    errors(DATABASE);
    errors(INTERNAL);
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

  private Counter errors(String kind) {
    return Counter.builder(ERRORS)
        .description("Failed poll cycles, by kind of failure")
        .tag("kind", kind)
        .register(registry);
  }
}
