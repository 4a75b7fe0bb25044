package io.viewercounts.broadcaster;

import io.micrometer.core.instrument.MeterRegistry;
import io.viewercounts.broadcaster.fanout.Hub;
import io.viewercounts.broadcaster.feed.FeedHealthIndicator;
import io.viewercounts.broadcaster.feed.FeedLifecycle;
import io.viewercounts.broadcaster.feed.ViewerCountFeed;
import io.viewercounts.broadcaster.web.PagesController;
import io.viewercounts.broadcaster.web.StreamsController;
import io.viewercounts.broadcaster.ws.WebSocketConfiguration;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.StringUtils;

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
      KafkaProperties kafka,
      KafkaConnectionDetails kafkaConnection,
      BroadcasterProperties properties,
      Hub hub,
      MeterRegistry registry) {
    return new ViewerCountFeed(
        feedKafkaClient(kafka, kafkaConnection), properties.topic(), hub, registry);
  }

  /**
   * The feed consumer's client settings, built the way Boot builds them for its own consumer
   * factory: {@code spring.kafka.*} (bootstrap servers, {@code security.protocol}, {@code ssl.*},
   * {@code properties.*}) and {@code spring.kafka.consumer.*}, then the connection details
   * (bootstrap servers, security protocol and SSL bundle, {@code spring.kafka.ssl.bundle}).
   */
  static Map<String, Object> feedKafkaClient(
      KafkaProperties kafka, KafkaConnectionDetails kafkaConnection) {
    Map<String, Object> config = kafka.buildConsumerProperties();
    KafkaConnectionDetails.Configuration consumer = kafkaConnection.getConsumer();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, consumer.getBootstrapServers());
    if (StringUtils.hasLength(consumer.getSecurityProtocol())) {
      config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, consumer.getSecurityProtocol());
    }
    SslBundle sslBundle = consumer.getSslBundle();
    if (sslBundle != null) {
      config.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, SslBundleSslEngineFactory.class);
      config.put(SslBundle.class.getName(), sslBundle);
    }
    return config;
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
