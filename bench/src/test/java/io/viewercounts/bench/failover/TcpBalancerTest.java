package io.viewercounts.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpBalancerTest {

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
  }

  @Test
  void sendsEachNewConnectionToTheNextBackendInTurn() throws Exception {
    TcpBalancer balancer = keep(TcpBalancer.start(List.of(echo("one"), echo("two"))));

    assertThat(List.of(ask(balancer, "a"), ask(balancer, "b"), ask(balancer, "c")))
        .containsExactly("one:a", "two:b", "one:c");
  }

  @Test
  void skipsABackendThatRefuses() throws Exception {
    TcpBalancer balancer = keep(TcpBalancer.start(List.of(closedPort(), echo("up"))));

    assertThat(List.of(ask(balancer, "a"), ask(balancer, "b"))).containsExactly("up:a", "up:b");
  }

  @Test
  void closesTheClientWhenTheBackendCloses() throws Exception {
    ServerSocket backend = keep(new ServerSocket(0, 8, InetAddress.getLoopbackAddress()));
    TcpBalancer balancer = keep(TcpBalancer.start(List.of(backend.getLocalPort())));
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), balancer.port())) {
      backend.accept().close();

      client.setSoTimeout(5_000);
      assertThat(client.getInputStream().read()).isEqualTo(-1);
    }
  }

  /** Sends one line through the balancer and reads the answer until the backend closes. */
  private static String ask(TcpBalancer balancer, String line) throws IOException {
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), balancer.port())) {
      client.setSoTimeout(5_000);
      client.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      return new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A backend that answers each connection's first line with {@code name:line} and closes. */
  private int echo(String name) throws IOException {
    ServerSocket server = keep(new ServerSocket(0, 8, InetAddress.getLoopbackAddress()));
    Thread thread = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          InputStream in = socket.getInputStream();
          StringBuilder line = new StringBuilder();
          for (int b = in.read(); b != '\n' && b != -1; b = in.read()) {
            line.append((char) b);
          }
          OutputStream out = socket.getOutputStream();
          out.write((name + ":" + line).getBytes(StandardCharsets.UTF_8));
        } catch (IOException closed) {
          return;
        }
      }
    });
    thread.setDaemon(true);
    thread.start();
    return server.getLocalPort();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private <T extends AutoCloseable> T keep(T closeable) {
    open.add(closeable);
    return closeable;
  }
}
