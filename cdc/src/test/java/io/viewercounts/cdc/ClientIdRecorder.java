package io.viewercounts.cdc;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

/**
 * A metrics reporter that only notes the id of each client that creates it. Set as a client setting
 * ({@code metric.reporters}), it shows which Kafka clients got that setting: every client creates
 * its reporters from its own configuration.
 */
public final class ClientIdRecorder implements MetricsReporter {

  private static final Set<String> CLIENT_IDS = ConcurrentHashMap.newKeySet();

  /** The ids of the clients that got the setting so far, in this JVM. */
  public static Set<String> clientIds() {
    return Set.copyOf(CLIENT_IDS);
  }

  @Override
  public void configure(Map<String, ?> configs) {
    CLIENT_IDS.add(String.valueOf(configs.get(CommonClientConfigs.CLIENT_ID_CONFIG)));
  }

  @Override
  public void init(List<KafkaMetric> metrics) {}

  @Override
  public void metricChange(KafkaMetric metric) {}

  @Override
  public void metricRemoval(KafkaMetric metric) {}

  @Override
  public void close() {}
}
