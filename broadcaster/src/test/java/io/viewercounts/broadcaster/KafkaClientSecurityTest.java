package io.viewercounts.broadcaster;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.broadcaster.feed.ViewerCountFeed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * An operator secures Kafka with Boot's standard keys (spring.kafka.security.protocol,
 * spring.kafka.ssl.*, spring.kafka.properties.*), and the broadcaster's one Kafka client, the
 * feed's consumer, gets them. Only its settings are built here; nothing connects.
 */
class KafkaClientSecurityTest {

  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required"
          + " username=\"broadcaster\" password=\"broadcaster-secret\";";

  /** What the consumer's settings must hold, as Kafka reads them. */
  private static final Map<String, String> SECURITY =
      Map.of(
          "security.protocol", "SASL_SSL",
          "sasl.mechanism", "SCRAM-SHA-512",
          "sasl.jaas.config", JAAS,
          "ssl.truststore.location", "/etc/kafka/truststore.p12",
          "ssl.truststore.password", "trust-secret",
          "metadata.max.age.ms", "60000");

  private final ApplicationContextRunner boot =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(KafkaAutoConfiguration.class, SslAutoConfiguration.class))
          .withPropertyValues(
              "spring.kafka.bootstrap-servers=kafka-1:9093,kafka-2:9093",
              "spring.kafka.security.protocol=SASL_SSL",
              "spring.kafka.ssl.trust-store-location=file:/etc/kafka/truststore.p12",
              "spring.kafka.ssl.trust-store-password=trust-secret",
              "spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
              "spring.kafka.properties.sasl.jaas.config=" + JAAS,
              "spring.kafka.properties.metadata.max.age.ms=60000");

  @Test
  void feedConsumerGetsThem() {
    boot.run(
        context ->
            assertThat(feedConsumer(context))
                .containsAllEntriesOf(SECURITY)
                .containsEntry("bootstrap.servers", List.of("kafka-1:9093", "kafka-2:9093")));
  }

  /** spring.kafka.ssl.bundle, or connection details from elsewhere, can bring an SSL bundle. */
  @Test
  void feedConsumerGetsTheSslBundleOfTheConnectionDetails() {
    SslBundle bundle = SslBundle.of(SslStoreBundle.NONE);
    KafkaConnectionDetails withBundle =
        new KafkaConnectionDetails() {
          @Override
          public List<String> getBootstrapServers() {
            return List.of("kafka-1:9093");
          }

          @Override
          public SslBundle getSslBundle() {
            return bundle;
          }
        };

    boot.withBean(KafkaConnectionDetails.class, () -> withBundle)
        .run(
            context ->
                assertThat(feedConsumer(context))
                    .containsEntry("ssl.engine.factory.class", SslBundleSslEngineFactory.class)
                    .containsEntry(SslBundle.class.getName(), bundle)
                    .containsEntry("bootstrap.servers", List.of("kafka-1:9093")));
  }

  @Test
  void theFeedsOwnSettingsWinOverTheOperators() {
    boot.withPropertyValues(
            "spring.kafka.consumer.group-id=ops", "spring.kafka.consumer.enable-auto-commit=true")
        .run(
            context ->
                assertThat(feedConsumer(context))
                    .doesNotContainKey("group.id")
                    .containsEntry("enable.auto.commit", false)
                    .containsAllEntriesOf(SECURITY));
  }

  private static Map<String, Object> feedConsumer(ApplicationContext context) {
    return ViewerCountFeed.consumerConfig(
        context.getBean(ConsumerFactory.class).getConfigurationProperties());
  }
}
