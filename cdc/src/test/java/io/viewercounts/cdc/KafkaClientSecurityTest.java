package io.viewercounts.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.cdc.capture.CaptureConfig;
import io.viewercounts.cdc.capture.DatabaseConnection;
import io.viewercounts.cdc.topology.ViewerCountTopology;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * An operator secures Kafka with Boot's standard keys (spring.kafka.security.protocol,
 * spring.kafka.ssl.*, spring.kafka.properties.*), and every Kafka client of the cdc app gets them.
 * Only the clients' settings are built here; nothing connects.
 */
class KafkaClientSecurityTest {

  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required"
          + " username=\"cdc\" password=\"cdc-secret\";";

  /** What each client's settings must hold, as Kafka reads them. */
  private static final Map<String, String> SECURITY =
      Map.of(
          "security.protocol", "SASL_SSL",
          "sasl.mechanism", "SCRAM-SHA-512",
          "sasl.jaas.config", JAAS,
          "ssl.truststore.location", "/etc/kafka/truststore.p12",
          "ssl.truststore.password", "trust-secret",
          "metadata.max.age.ms", "60000");

  private final CdcProperties cdc = CdcDefaults.load();

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
  void topicsAdminGetsThem() {
    boot.run(
        context ->
            assertThat(context.getBean(KafkaAdmin.class).getConfigurationProperties())
                .containsAllEntriesOf(SECURITY));
  }

  @Test
  void startupCheckGetsThem() {
    withClients(
        kafka ->
            assertThat(CaptureConfig.startupCheck(kafka.admin())).containsAllEntriesOf(SECURITY));
  }

  @Test
  void changeProducerGetsThem() {
    withClients(
        kafka ->
            assertThat(CaptureConfig.producer(kafka.producer(), Duration.ofSeconds(10)))
                .containsAllEntriesOf(SECURITY));
  }

  /** Debezium passes the engine's properties on to the offset store's producer, consumer, admin. */
  @Test
  void offsetStoreClientsGetThemThroughTheEngine() {
    withClients(
        kafka ->
            assertThat(
                    CaptureConfig.engine(
                        new DatabaseConnection("jdbc:postgresql://db/viewercounts", "cdc", null),
                        cdc.capture(),
                        cdc.topics(),
                        kafka.admin()))
                .containsAllEntriesOf(SECURITY)
                .containsEntry("bootstrap.servers", "kafka-1:9093,kafka-2:9093"));
  }

  @Test
  void everyClientOfTheTopologyGetsThem() {
    withClients(
        kafka -> {
          StreamsConfig streams =
              new StreamsConfig(
                  ViewerCountTopology.streamsConfig(kafka.streams(), cdc.topology(), (short) -1));

          assertThat(streams.getMainConsumerConfigs("group", "client", 0))
              .containsAllEntriesOf(SECURITY);
          assertThat(streams.getRestoreConsumerConfigs("client")).containsAllEntriesOf(SECURITY);
          assertThat(streams.getProducerConfigs("client")).containsAllEntriesOf(SECURITY);
          assertThat(streams.getAdminConfigs("client")).containsAllEntriesOf(SECURITY);
        });
  }

  @Test
  void theCapturesOwnProducerSettingsWinOverTheOperators() {
    boot.withPropertyValues("spring.kafka.producer.acks=1", "spring.kafka.client-id=ops")
        .run(
            context ->
                assertThat(
                        CaptureConfig.producer(clients(context).producer(), Duration.ofSeconds(10)))
                    .containsEntry("acks", "all")
                    .containsEntry("client.id", "viewercount-capture")
                    .containsAllEntriesOf(SECURITY));
  }

  private void withClients(Consumer<KafkaClientConfigs> check) {
    boot.run(context -> check.accept(clients(context)));
  }

  private static KafkaClientConfigs clients(ApplicationContext context) {
    return new KafkaClientConfigs(
        context.getBean(KafkaProperties.class), context.getBean(KafkaConnectionDetails.class));
  }
}
