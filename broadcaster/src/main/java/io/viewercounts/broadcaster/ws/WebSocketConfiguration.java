package io.viewercounts.broadcaster.ws;

import io.micrometer.core.instrument.MeterRegistry;
import io.viewercounts.broadcaster.BroadcasterProperties;
import io.viewercounts.broadcaster.fanout.Hub;
import java.time.Duration;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/** The {@code /ws} endpoint and the container limits it relies on. */
@Configuration(proxyBeanMethods = false)
public class WebSocketConfiguration {

  @Bean
  Connections viewerCountConnections(Hub hub, BroadcasterProperties properties) {
    return new Connections(
        hub,
        new Connections.Limits(
            properties.maxConnectionsPerAddress(),
            properties.maxSubscriptionsPerConnection(),
            properties.subscribesPerSecond(),
            properties.subscribeBurst()),
        System::nanoTime);
  }

  /** Two seconds for clients to answer the close: the whole node must stop within ten. */
  @Bean
  GoingAway viewerCountGoingAway(Connections connections) {
    return new GoingAway(connections, Duration.ofSeconds(2));
  }

  @Bean(initMethod = "start")
  Heartbeat viewerCountHeartbeat(Connections connections, BroadcasterProperties properties) {
    return new Heartbeat(connections, properties.pingInterval());
  }

  @Bean
  ViewerCountHandler viewerCountHandler(
      Connections connections, MeterRegistry registry, BroadcasterProperties properties) {
    return new ViewerCountHandler(
        connections,
        new ProtocolMetrics(registry, connections),
        properties.maxSubscriptionsPerConnection(),
        properties.subscribesPerSecond());
  }

  @Bean(initMethod = "start")
  SendTimeouts viewerCountSendTimeouts(BroadcasterProperties properties) {
    return new SendTimeouts(properties.sendTimeout());
  }

  /**
   * Same origin only when the allow-list is empty; requests without an Origin header (not from a
   * browser) are let through. Patterns such as {@code https://*.example.com} and {@code *} are
   * accepted.
   */
  @Bean
  WebSocketUpgrade viewerCountWebSocketUpgrade(
      ViewerCountHandler handler, SendTimeouts sendTimeouts, BroadcasterProperties properties) {
    return new WebSocketUpgrade(
        handler,
        sendTimeouts,
        properties.allowedOrigins(),
        Math.toIntExact(properties.maxFrameSize().toBytes()),
        Math.toIntExact(properties.connectionBufferSize().toBytes()),
        properties.pingInterval());
  }

  /** {@code /ws}, ahead of the controllers and static resources. */
  @Bean
  SimpleUrlHandlerMapping viewerCountWebSocketMapping(WebSocketUpgrade upgrade) {
    return new SimpleUrlHandlerMapping(Map.of("/ws", upgrade), 1);
  }
}
