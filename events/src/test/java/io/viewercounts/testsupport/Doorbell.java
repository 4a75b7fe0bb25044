package io.viewercounts.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A port on loopback that only counts who connects to it. Point an app's database or Kafka
 * address here to find out whether it ever tried to reach them.
 */
public final class Doorbell implements AutoCloseable {

  private final ServerSocket socket;
  private final AtomicInteger rings = new AtomicInteger();

  private Doorbell(ServerSocket socket) {
    this.socket = socket;
    Thread answering = new Thread(this::answer, "doorbell-" + socket.getLocalPort());
    answering.setDaemon(true);
    answering.start();
  }

  public static Doorbell open() {
    try {
      return new Doorbell(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** host:port, as Kafka's bootstrap servers take it. */
  public String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  public int rings() {
    return rings.get();
  }

  private void answer() {
    while (!socket.isClosed()) {
      try (Socket visitor = socket.accept()) {
        rings.incrementAndGet();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
