package io.viewercounts.cdc.capture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The passing case runs in every test that starts a capture. */
class KafkaStartupCheckTest {

  @Test
  void unreachableKafkaFailsAfterTheTimeoutSayingWhatToCheck() throws IOException {
    String nobodyListens = "localhost:" + closedPort();

    assertThatThrownBy(() -> new KafkaStartupCheck(nobodyListens, Duration.ofMillis(500)).verify())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Kafka is unreachable at " + nobodyListens)
        .hasMessageContaining("within 500 ms")
        .hasMessageContaining("spring.kafka.bootstrap-servers (KAFKA_BOOTSTRAP_SERVERS)");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
