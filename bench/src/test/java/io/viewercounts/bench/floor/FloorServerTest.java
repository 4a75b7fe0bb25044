package io.viewercounts.bench.floor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FloorServerTest {

  static Stream<FloorServer.Starter> servers() {
    return Stream.of(BareFanoutServer::start, NettyFanoutServer::start);
  }

  @ParameterizedTest
  @MethodSource("servers")
  void everyConnectionGetsThePublishedCountAndTheWritersCpuIsCounted(FloorServer.Starter starter)
      throws Exception {
    try (FloorServer server = starter.start()) {
      BlockingQueue<String> first = new LinkedBlockingQueue<>();
      BlockingQueue<String> second = new LinkedBlockingQueue<>();
      Socket one = connect(server, first);
      Socket two = connect(server, second);
      awaitBoth(server, first, second);

      server.publish("bench-floor", 7);

      String expected = "{\"type\":\"viewer_count\",\"streamId\":\"bench-floor\","
          + "\"name\":\"Benchmark bench-floor\",\"viewerCount\":7,\"isLive\":true,"
          + "\"endedAt\":null,\"version\":25000007}";
      assertThat(nextOf("bench-floor", first)).isEqualTo(expected);
      assertThat(nextOf("bench-floor", second)).isEqualTo(expected);
      assertThat(server.partialWrites()).isZero();
      assertThat(server.writerCpuNanos()).isPositive();
      one.close();
      two.close();
    }
  }

  /**
   * A client as the benchmark's: the upgrade request with the RFC's sample key (the bare server
   * answers that key's accept only), then each text frame's payload into {@code received}.
   */
  private static Socket connect(FloorServer server, BlockingQueue<String> received)
      throws Exception {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    DataInputStream in = new DataInputStream(socket.getInputStream());
    String response = readHead(in);
    assertThat(response).startsWith("HTTP/1.1 101");
    Thread reader = new Thread(() -> {
      try {
        while (true) {
          in.readUnsignedByte(); // final, text
          int length = in.readUnsignedByte(); // unmasked
          byte[] payload = new byte[length == 126 ? in.readUnsignedShort() : length];
          in.readFully(payload);
          received.add(new String(payload, StandardCharsets.UTF_8));
        }
      } catch (IOException closed) {
        // the test is over
      }
    });
    reader.setDaemon(true);
    reader.start();
    return socket;
  }

  private static String readHead(DataInputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      head.append((char) in.readUnsignedByte());
    }
    return head.toString();
  }

  /**
   * A server writes to a connection once the upgrade is done on its side, which may follow the
   * client's by a moment: publishes another stream until both have a frame of it.
   */
  private static void awaitBoth(FloorServer server, BlockingQueue<String> first,
      BlockingQueue<String> second) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (int count = 1; first.isEmpty() || second.isEmpty(); count++) {
      assertThat(System.nanoTime()).as("both connections written to").isLessThan(deadline);
      server.publish("warm-up", count);
      Thread.sleep(20);
    }
  }

  /** The next frame of {@code stream}, past those of the warm-up. */
  private static String nextOf(String stream, BlockingQueue<String> received)
      throws InterruptedException {
    while (true) {
      String frame = received.poll(10, TimeUnit.SECONDS);
      if (frame == null || frame.contains("\"streamId\":\"" + stream + "\"")) {
        return frame;
      }
    }
  }
}
