package io.viewercounts.bench.failover;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one address the failover scenario's clients use, as a load balancer in front of the
 * broadcasters: each new connection goes to the next backend in turn, skipping one that refuses,
 * and bytes are copied both ways until either side closes, which closes the other.
 */
public final class TcpBalancer implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

  private final ServerSocket listener;
  private final List<Integer> backendPorts;
  private final AtomicInteger next = new AtomicInteger();

  private TcpBalancer(ServerSocket listener, List<Integer> backendPorts) {
    this.listener = listener;
    this.backendPorts = List.copyOf(backendPorts);
  }

  /** Listens on a free loopback port, in front of the loopback {@code backendPorts}. */
  public static TcpBalancer start(List<Integer> backendPorts) throws IOException {
    ServerSocket listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    TcpBalancer balancer = new TcpBalancer(listener, backendPorts);
    Thread acceptor = new Thread(balancer::acceptAll, "balancer-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return balancer;
  }

  public int port() {
    return listener.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  private void acceptAll() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket backend = connectToNext();
        if (backend == null) {
          client.close(); // no backend up: the client sees a closed connection and retries
          continue;
        }
        pipe(client, backend, "balancer-up");
        pipe(backend, client, "balancer-down");
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** The next backend in turn that accepts a connection, or null when none does. */
  private Socket connectToNext() {
    for (int tried = 0; tried < backendPorts.size(); tried++) {
      int port = backendPorts.get(Math.floorMod(next.getAndIncrement(), backendPorts.size()));
      Socket backend = new Socket();
      try {
        backend.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
        return backend;
      } catch (IOException refused) {
        closeQuietly(backend);
      }
    }
    return null;
  }

  /** Copies {@code from} to {@code to} on a thread of its own; the end of either closes both. */
  private static void pipe(Socket from, Socket to, String name) {
    Thread copier = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException ended) {
        // a reset or a close on either side: the connection is over
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, name);
    copier.setDaemon(true);
    copier.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is all that is left to do with it
    }
  }
}
