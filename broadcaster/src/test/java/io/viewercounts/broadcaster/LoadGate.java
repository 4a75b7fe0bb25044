package io.viewercounts.broadcaster;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer interceptor that holds back the first records a consumer reads until the test opens
 * the gate, so that a node can be seen while it is still loading. Configured by class name ({@code
 * spring.kafka.consumer.properties.interceptor.classes}), hence the static gate.
 */
public final class LoadGate<K, V> implements ConsumerInterceptor<K, V> {

  private static final long MAX_HOLD_SECONDS = 60;
  private static volatile CountDownLatch gate = new CountDownLatch(0);

  static void shut() {
    gate = new CountDownLatch(1);
  }

  static void open() {
    gate.countDown();
  }

  @Override
  public ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records) {
    try {
      gate.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return records;
  }

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
