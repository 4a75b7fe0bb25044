package io.viewercounts.cdc;

import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.StringUtils;

/**
 * The settings of each kind of Kafka client the cdc module creates, built the way Boot's own
 * auto-configuration builds them for its KafkaAdmin and producer factory: {@code spring.kafka.*}
 * (bootstrap servers, {@code security.protocol}, {@code ssl.*}, {@code properties.*}), then the
 * kind's own {@code spring.kafka.admin|producer|streams.*}, then the connection details (bootstrap
 * servers, security protocol and SSL bundle). So an operator secures every client of the app with
 * Boot's standard keys; each client adds only what it needs on top.
 */
final class KafkaClientConfigs {

  private final KafkaProperties properties;
  private final KafkaConnectionDetails connection;

  KafkaClientConfigs(KafkaProperties properties, KafkaConnectionDetails connection) {
    this.properties = properties;
    this.connection = connection;
  }

  /** For the capture's own admin-like clients: the start-up check and Debezium's offset store. */
  Map<String, Object> admin() {
    return withConnection(properties.buildAdminProperties(), connection.getAdmin());
  }

  /** For the producer that writes change events to the CDC topic. */
  Map<String, Object> producer() {
    return withConnection(properties.buildProducerProperties(), connection.getProducer());
  }

  /**
   * For the topology: Kafka Streams passes them on to each of its consumers, producers and admin.
   */
  Map<String, Object> streams() {
    return withConnection(properties.buildStreamsProperties(), connection.getStreams());
  }

  private static Map<String, Object> withConnection(
      Map<String, Object> config, KafkaConnectionDetails.Configuration client) {
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, client.getBootstrapServers());
    if (StringUtils.hasLength(client.getSecurityProtocol())) {
      config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, client.getSecurityProtocol());
    }
    SslBundle sslBundle = client.getSslBundle();
    if (sslBundle != null) {
      config.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, SslBundleSslEngineFactory.class);
      config.put(SslBundle.class.getName(), sslBundle);
    }
    return config;
  }
}
