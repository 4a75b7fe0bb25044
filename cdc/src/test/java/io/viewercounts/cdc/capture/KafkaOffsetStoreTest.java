package io.viewercounts.cdc.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.junit.jupiter.api.Test;

class KafkaOffsetStoreTest {

  @Test
  void adminClientKeepsTheEngineKafkaSettingsUnderItsOwnName() {
    Map<String, Object> admin =
        KafkaOffsetStore.adminSettings(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka-1:9092",
                SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512"));

    assertThat(admin)
        .containsEntry(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka-1:9092")
        .containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512")
        .containsEntry(AdminClientConfig.CLIENT_ID_CONFIG, "viewercount-capture-admin");
  }

  /**
   * A read of the offsets topic's end that is stuck on a dead leader must time out soon, because
   * only then does the store look the leader up again; the capture's streaming thread waits for it.
   */
  @Test
  void adminClientGivesUpAnyCallAfterTwoSecondsWhateverTheOperatorSet() {
    Map<String, Object> admin =
        KafkaOffsetStore.adminSettings(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka-1:9092",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000"));

    AdminClientConfig config = new AdminClientConfig(admin);
    assertThat(config.getInt(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG)).isEqualTo(2000);
    assertThat(config.getInt(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG)).isEqualTo(2000);
  }
}
