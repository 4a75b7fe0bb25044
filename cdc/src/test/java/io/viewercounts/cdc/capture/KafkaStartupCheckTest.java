package io.viewercounts.cdc.capture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;

/** The passing case runs in every test that starts a capture. */
class KafkaStartupCheckTest {

  @Test
  void unreachableKafkaFailsAfterTheTimeoutSayingWhatToCheck() throws IOException {
    String nobodyListens = "localhost:" + closedPort();

    KafkaStartupCheck check =
        new KafkaStartupCheck(
            CaptureConfig.startupCheck(
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, List.of(nobodyListens))),
            Duration.ofMillis(500));

    assertThatThrownBy(check::verify)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Kafka is unreachable at " + nobodyListens + ":")
        .hasMessageContaining("within 500 ms")
        .hasMessageContaining("spring.kafka.bootstrap-servers (KAFKA_BOOTSTRAP_SERVERS)")
        .hasMessageContaining("spring.kafka.security.protocol");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
