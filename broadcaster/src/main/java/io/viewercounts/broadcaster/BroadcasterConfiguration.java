package io.viewercounts.broadcaster;

import io.micrometer.core.instrument.MeterRegistry;
import io.viewercounts.broadcaster.fanout.Hub;
import io.viewercounts.broadcaster.feed.FeedHealthIndicator;
import io.viewercounts.broadcaster.feed.FeedLifecycle;
import io.viewercounts.broadcaster.feed.ViewerCountFeed;
import io.viewercounts.broadcaster.web.PagesController;
import io.viewercounts.broadcaster.web.StreamsController;
import io.viewercounts.broadcaster.ws.WebSocketConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The whole broadcaster: the hub, the Kafka feed that fills it, the WebSocket endpoint and the HTTP
 * API and pages. Imported as is by the standalone application.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BroadcasterProperties.class)
@Import({WebSocketConfiguration.class, StreamsController.class, PagesController.class})
public class BroadcasterConfiguration {

  @Bean
  Hub viewerCountHub(MeterRegistry registry) {
    return new Hub(registry);
  }

  @Bean
  ViewerCountFeed viewerCountFeed(
      KafkaProperties kafka, BroadcasterProperties properties, Hub hub, MeterRegistry registry) {
    return new ViewerCountFeed(kafka.buildConsumerProperties(), properties.topic(), hub, registry);
  }

  @Bean
  FeedLifecycle viewerCountFeedLifecycle(ViewerCountFeed feed) {
    return new FeedLifecycle(feed);
  }

  /** Named so actuator shows it as "feed"; the readiness group includes it. */
  @Bean
  FeedHealthIndicator feedHealthIndicator(ViewerCountFeed feed) {
    return new FeedHealthIndicator(feed);
  }
}
