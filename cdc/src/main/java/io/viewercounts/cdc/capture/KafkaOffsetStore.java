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
 * Kafka Connect's Kafka offset store (same topic, same format) that closes its admin client and
 * gives up a read of the topic's end on a departed leader within seconds.
 *
 * <p>For {@code offset.storage=KafkaOffsetBackingStore} Debezium's engine hands the store an admin
 * client that neither closes, so every engine run would leave a live admin client and its thread
 * behind. Debezium builds any other store class through its no-argument constructor: this one owns
 * its admin client and closes it on stop.
 *
 * <p>The PostgreSQL connector reads its stored offsets back on its streaming thread at every commit
 * (to confirm that position to the slot), and the store first asks the admin client for the
 * topic's end offset. When the offsets partition's leader dies, that request stays addressed to
 * the dead broker: once the broker is fenced and gone from the metadata, the admin client waits
 * for it to reappear until the call's timeout, 60 s by default, and capture stands still all that
 * time (measured: 66 s of frozen counts after one broker of three was killed). The store retries a
 * timed-out read at once with a fresh leader lookup, so a short call timeout bounds the stall to
 * the cluster's own leader election plus at most {@link #OFFSETS_CALL_TIMEOUT}.
 */
public final class KafkaOffsetStore extends KafkaOffsetBackingStore {

  private static final String CLIENT_ID_BASE = "viewercount-capture-";

  /**
   * How long the store's admin client waits for one call. A healthy cluster answers in
   * milliseconds, even on a loaded machine; a call that times out is only retried.
   */
  static final Duration OFFSETS_CALL_TIMEOUT = Duration.ofSeconds(2);

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
    admin.set(new SharedTopicAdmin(adminSettings(config.originals())));
    super.configure(config);
  }

  /** The admin client's settings: the engine's Kafka client settings, with ours on top. */
  static Map<String, Object> adminSettings(Map<String, Object> engineSettings) {
    Map<String, Object> settings = new HashMap<>(engineSettings);
    settings.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID_BASE + "admin");
    String callTimeout = Long.toString(OFFSETS_CALL_TIMEOUT.toMillis());
    settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, callTimeout);
    settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, callTimeout);
    return settings;
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
