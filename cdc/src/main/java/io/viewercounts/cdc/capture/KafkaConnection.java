package io.viewercounts.cdc.capture;

import java.util.Map;

/**
 * How the capture's Kafka clients reach and log in to Kafka: client settings (bootstrap servers,
 * security protocol, SSL, SASL, ...) that {@link CaptureConfig} completes for each client.
 *
 * @param admin for the start-up check and for Debezium's offset store (its producer, consumer and
 *     admin clients)
 * @param producer for the producer of change events
 */
public record KafkaConnection(Map<String, Object> admin, Map<String, Object> producer) {

  public KafkaConnection {
    admin = Map.copyOf(admin);
    producer = Map.copyOf(producer);
  }

  /** Only where Kafka is: the settings may hold secrets (sasl.jaas.config, passwords). */
  @Override
  public String toString() {
    return "KafkaConnection[bootstrapServers=" + CaptureConfig.bootstrapServers(admin) + "]";
  }
}
