package io.viewercounts.broadcaster;

import io.micrometer.core.instrument.MeterRegistry;
import io.viewercounts.broadcaster.fanout.Hub;
import io.viewercounts.broadcaster.feed.FeedHealthIndicator;
import io.viewercounts.broadcaster.feed.FeedLifecycle;
import io.viewercounts.broadcaster.feed.HistoryHealthIndicator;
import io.viewercounts.broadcaster.feed.MinuteStatsFeed;
import io.viewercounts.broadcaster.feed.ViewerCountFeed;
import io.viewercounts.broadcaster.web.ApiErrorController;
import io.viewercounts.broadcaster.web.JettyServerSettings;
import io.viewercounts.broadcaster.web.PagesController;
import io.viewercounts.broadcaster.web.StreamsController;
import io.viewercounts.broadcaster.ws.WebSocketConfiguration;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The whole broadcaster: the hub, the Kafka feed that fills it, the WebSocket endpoint and the HTTP
 * API and pages. Imported as is by the standalone application.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BroadcasterProperties.class)
@Import({
  WebSocketConfiguration.class,
  StreamsController.class,
  PagesController.class,
  ApiErrorController.class
})
public class BroadcasterConfiguration {

  @Bean
  JettyServerSettings jettyServerSettings() {
    return new JettyServerSettings();
  }

  @Bean
  Hub viewerCountHub(MeterRegistry registry, BroadcasterProperties properties) {
    return new Hub(
        registry, Runtime.getRuntime().availableProcessors(), properties.historyMinutes());
  }

  /**
   * The feed consumer's client settings are those of Boot's own consumer factory: {@code
   * spring.kafka.*} (bootstrap servers, {@code security.protocol}, {@code ssl.*}, {@code
   * properties.*}) and {@code spring.kafka.consumer.*}, with the connection details (SSL bundle
   * included) applied; the feed adds what it needs on top.
   */
  @Bean
  ViewerCountFeed viewerCountFeed(
      ConsumerFactory<?, ?> kafkaConsumerFactory,
      BroadcasterProperties properties,
      Hub hub,
      MeterRegistry registry) {
    return new ViewerCountFeed(
        kafkaConsumerFactory.getConfigurationProperties(), properties.topic(), hub, registry);
  }

  @Bean
  FeedLifecycle viewerCountFeedLifecycle(ViewerCountFeed feed) {
    return new FeedLifecycle(feed);
  }

  /** The stream histories' feed: the same client settings as the counts' feed. */
  @Bean
  MinuteStatsFeed minuteStatsFeed(
      ConsumerFactory<?, ?> kafkaConsumerFactory,
      BroadcasterProperties properties,
      Hub hub,
      MeterRegistry registry) {
    return new MinuteStatsFeed(
        kafkaConsumerFactory.getConfigurationProperties(),
        properties.minuteStatsTopic(),
        hub,
        registry,
        Clock.systemUTC());
  }

  @Bean
  FeedLifecycle minuteStatsFeedLifecycle(MinuteStatsFeed feed) {
    return new FeedLifecycle(feed);
  }

  /** Named so actuator shows it as "history"; not in the readiness group. */
  @Bean
  HistoryHealthIndicator historyHealthIndicator(MinuteStatsFeed feed) {
    return new HistoryHealthIndicator(feed);
  }

  /** Named so actuator shows it as "feed"; the readiness group includes it. */
  @Bean
  FeedHealthIndicator feedHealthIndicator(ViewerCountFeed feed) {
    return new FeedHealthIndicator(feed);
  }
}
