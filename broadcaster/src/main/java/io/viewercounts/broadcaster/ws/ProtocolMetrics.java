package io.viewercounts.broadcaster.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Connections, protocol violations by kind and closes by reason; all tags come from fixed sets. */
final class ProtocolMetrics {

  private final MeterRegistry registry;

  ProtocolMetrics(MeterRegistry registry, Connections connections) {
    this.registry = registry;
    Gauge.builder("viewercounts.broadcaster.connections", connections, Connections::count)
        .description("open WebSocket connections")
        .register(registry);
  }

  void violation(String kind) {
    Counter.builder("viewercounts.broadcaster.errors")
        .description("client frames or connections refused, by kind")
        .tag("kind", kind)
        .register(registry)
        .increment();
  }

  void closed(String reason) {
    Counter.builder("viewercounts.broadcaster.closes")
        .description("WebSocket connections closed, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }
}
