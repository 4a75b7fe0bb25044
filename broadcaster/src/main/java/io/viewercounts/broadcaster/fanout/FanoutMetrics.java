package io.viewercounts.broadcaster.fanout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Counters of the fan-out hot path; Micrometer counters are cheap to increment concurrently. */
final class FanoutMetrics {

  private final Counter delivered;
  private final Counter conflated;
  private final Timer handOff;

  FanoutMetrics(MeterRegistry registry) {
    delivered =
        Counter.builder("viewercounts.broadcaster.messages.delivered")
            .description("viewer_count frames written to a client")
            .register(registry);
    conflated =
        Counter.builder("viewercounts.broadcaster.messages.conflated")
            .description("unsent viewer_count frames replaced by a newer one of the same stream")
            .register(registry);
    handOff =
        Timer.builder("viewercounts.broadcaster.fanout")
            .description(
                "time to hand one new value, or a poll's batch of values, to every subscriber"
                    + " of their streams: written to the socket of idle connections, queued for"
                    + " busy ones")
            .register(registry);
  }

  Timer handOff() {
    return handOff;
  }

  void delivered(int messages) {
    delivered.increment(messages);
  }

  void conflated() {
    conflated.increment();
  }
}
