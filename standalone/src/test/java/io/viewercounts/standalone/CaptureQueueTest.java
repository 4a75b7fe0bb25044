package io.viewercounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.connector.base.ChangeEventQueue;
import org.junit.jupiter.api.Test;

/**
 * The cdc module's copy of Debezium's change queue (which does not spin) wins over Debezium's own
 * only while the cdc module comes before Debezium's jars on the class path; the runnable jar lists
 * its libraries in the same order as this test's class path.
 */
class CaptureQueueTest {

  @Test
  void theCaptureRunsOnTheCdcModulesQueueNotDebeziumsOwn() {
    String source = ChangeEventQueue.class.getProtectionDomain().getCodeSource().getLocation()
        .toString();

    assertThat(source).doesNotContain("debezium-connector-common");
  }
}
