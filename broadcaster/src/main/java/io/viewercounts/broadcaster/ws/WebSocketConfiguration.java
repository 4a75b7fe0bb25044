package io.viewercounts.broadcaster.ws;

import io.micrometer.core.instrument.MeterRegistry;
import io.viewercounts.broadcaster.BroadcasterProperties;
import io.viewercounts.broadcaster.fanout.Hub;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

/** The {@code /ws} endpoint and the container limits it relies on. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
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
  ViewerCountHandler viewerCountWebSocketHandler(
      Connections connections,
      MeterRegistry registry,
      BroadcasterProperties properties) {
    return new ViewerCountHandler(
        connections,
        new ProtocolMetrics(registry, connections),
        properties.sendTimeout(),
        properties.maxSubscriptionsPerConnection(),
        properties.subscribesPerSecond());
  }

  /**
   * Same origin only when the allow-list is empty; requests without an Origin header (not from a
   * browser) are let through by Spring's origin check. Patterns such as {@code
   * https://*.example.com} and {@code *} are accepted.
   */
  @Bean
  WebSocketConfigurer viewerCountWebSocketEndpoint(
      ViewerCountHandler handler, BroadcasterProperties properties) {
    return registry ->
        registry
            .addHandler(handler, "/ws")
            .addInterceptors(new ClientAddress())
            .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
  }

  @Bean
  JettyWebSocketContainer viewerCountWebSocketContainer(BroadcasterProperties properties) {
    return new JettyWebSocketContainer(
        properties.maxFrameSize().toBytes(),
        Math.toIntExact(properties.connectionBufferSize().toBytes()),
        properties.pingInterval());
  }
}
