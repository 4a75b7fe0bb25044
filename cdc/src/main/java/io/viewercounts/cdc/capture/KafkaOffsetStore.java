package io.viewercounts.cdc.capture;

import io.debezium.embedded.KafkaConnectUtil;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.KafkaOffsetBackingStore;
import org.apache.kafka.connect.util.SharedTopicAdmin;

/**
 * Kafka Connect's Kafka offset store (same topic, same format) that closes its admin client.
 *
 * <p>For {@code offset.storage=KafkaOffsetBackingStore} Debezium's engine hands the store an admin
 * client that neither closes, so every engine run would leave a live admin client and its thread
 * behind. Debezium builds any other store class through its no-argument constructor: this one owns
 * its admin client and closes it on stop.
 */
public final class KafkaOffsetStore extends KafkaOffsetBackingStore {

  private static final String CLIENT_ID_BASE = "viewercount-capture-";

  private final AtomicReference<SharedTopicAdmin> admin;

  public KafkaOffsetStore() {
    this(new AtomicReference<>());
  }

  private KafkaOffsetStore(AtomicReference<SharedTopicAdmin> admin) {
    super(
        () -> admin.get().get(), () -> CLIENT_ID_BASE, KafkaConnectUtil.converterForOffsetStore());
    this.admin = admin;
  }

  @Override
  public void configure(WorkerConfig config) {
    Map<String, Object> adminProps = new HashMap<>(config.originals());
    adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID_BASE + "admin");
    admin.set(new SharedTopicAdmin(adminProps));
    super.configure(config);
  }

  @Override
  public void stop() {
    try {
      super.stop();
    } finally {
      SharedTopicAdmin owned = admin.getAndSet(null);
      if (owned != null) {
        owned.close(Duration.ofSeconds(1));
      }
    }
  }
}
