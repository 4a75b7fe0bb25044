package io.viewercounts.broadcaster.ws;

import io.micrometer.core.instrument.MeterRegistry;
import io.viewercounts.broadcaster.BroadcasterProperties;
import io.viewercounts.broadcaster.fanout.Hub;
import java.time.Duration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** The {@code /ws} endpoint and the container limits it relies on. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class WebSocketConfiguration {

  /** Binary frames are refused, in their first part: Tomcat's buffer for them can be tiny. */
  private static final int BINARY_BUFFER_BYTES = 128;

  @Bean
  Connections viewerCountConnections(Hub hub, BroadcasterProperties properties) {
    return new Connections(
        hub,
        new Connections.Limits(
            properties.maxConnectionsPerAddress(),
            properties.maxSubscriptionsPerConnection(),
            properties.subscribesPerSecond(),
            properties.subscribeBurst(),
            Math.toIntExact(properties.maxFrameSize().toBytes())),
        System::nanoTime);
  }

  @Bean
  BlockingSends viewerCountBlockingSends() {
    return new BlockingSends();
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
      BlockingSends blockingSends,
      MeterRegistry registry,
      BroadcasterProperties properties) {
    return new ViewerCountHandler(
        connections,
        new ProtocolMetrics(registry, connections),
        blockingSends,
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
            .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
  }

  /**
   * Tomcat keeps a text buffer of this many characters (two bytes each) for every connection and
   * hands longer frames over in parts, which the handler joins up to the frame size limit.
   */
  @Bean
  ServletServerContainerFactoryBean viewerCountWebSocketContainer(
      BroadcasterProperties properties) {
    ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
    container.setMaxTextMessageBufferSize(
        Math.toIntExact(properties.connectionBufferSize().toBytes() / 2));
    container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
    return container;
  }

  @Bean
  TomcatConnectorCustomizer viewerCountConnectionBuffers(BroadcasterProperties properties) {
    return new ConnectionBuffers(Math.toIntExact(properties.connectionBufferSize().toBytes()));
  }
}
