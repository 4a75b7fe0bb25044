package io.viewercounts.broadcaster.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.viewercounts.broadcaster.fanout.ServerClose;
import java.util.List;

/** Connections, protocol violations by kind and closes by reason; all tags come from fixed sets. */
final class ProtocolMetrics {

  private static final List<ServerClose> SERVER_CLOSES =
      List.of(
          ServerClose.SLOW_CLIENT,
          ServerClose.SEND_FAILED,
          ServerClose.PING_TIMEOUT,
          ServerClose.SHUTTING_DOWN,
          ServerClose.FRAME_TOO_LARGE,
          ServerClose.BINARY_MESSAGE,
          ServerClose.TOO_MANY_CONNECTIONS);

  private final MeterRegistry registry;

  ProtocolMetrics(MeterRegistry registry, Connections connections) {
    this.registry = registry;
    Gauge.builder("viewercounts.broadcaster.connections", connections, Connections::count)
        .description("open WebSocket connections")
        .register(registry);
    // Every refusal and every close the server decides exists from the start, at 0, so that the
    // alerts over them (deploy/prometheus) see a series, and a rate shows 0 rather than no data.
    for (ErrorCode code : ErrorCode.values()) {
      violations(code.code());
    }
    for (String kind :
        List.of(
            ServerClose.FRAME_TOO_LARGE.tag(),
            ServerClose.TOO_MANY_CONNECTIONS.tag(),
            ServerClose.BINARY_MESSAGE.tag())) {
      violations(kind);
    }
    SERVER_CLOSES.forEach(close -> closes(close.tag()));
  }

  void violation(String kind) {
    violations(kind).increment();
  }

  void closed(String reason) {
    closes(reason).increment();
  }

  private Counter violations(String kind) {
    return Counter.builder("viewercounts.broadcaster.errors")
        .description("client frames or connections refused, by kind")
        .tag("kind", kind)
        .register(registry);
  }

  private Counter closes(String reason) {
    return Counter.builder("viewercounts.broadcaster.closes")
        .description("WebSocket connections closed, by reason")
        .tag("reason", reason)
        .register(registry);
  }
}
