package io.viewercounts.bench.floor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * The least a WebSocket server can do to fan a change out: one frame encoded once, one
 * non-blocking write of it per socket, from two threads, no framework. It answers any upgrade
 * request with 101 and ignores what clients send. Not a server for anyone: it measures the floor
 * this machine's kernel puts under any broadcaster, to hold ours against.
 */
public final class BareFanoutServer implements FloorServer {

  private static final byte[] UPGRADED = ("HTTP/1.1 101 Switching Protocols\r\n"
      + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
      + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
      .getBytes(StandardCharsets.US_ASCII);

  private final ServerSocketChannel server;
  private final Selector selector;
  private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
  private final Thread loop = new Thread(this::acceptAndDrain, "bare-fanout");
  private volatile boolean running = true;
  private long partialWrites;
  private long writerCpuNanos;

  private BareFanoutServer(ServerSocketChannel server, Selector selector) {
    this.server = server;
    this.selector = selector;
  }

  public static FloorServer start() throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
    server.configureBlocking(false);
    Selector selector = Selector.open();
    server.register(selector, SelectionKey.OP_ACCEPT);
    BareFanoutServer bare = new BareFanoutServer(server, selector);
    bare.loop.setDaemon(true);
    bare.loop.start();
    return bare;
  }

  @Override
  public int port() throws IOException {
    return ((InetSocketAddress) server.getLocalAddress()).getPort();
  }

  /** Writes the frame to every connection, half on another thread. */
  @Override
  public void publish(String stream, long count) throws InterruptedException {
    byte[] bytes = FloorServer.frame(stream, count);
    ByteBuffer frame = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    List<SocketChannel> all = new ArrayList<>(open);
    int half = all.size() / 2;
    CountDownLatch other = new CountDownLatch(1);
    Thread helper = new Thread(() -> {
      writeAll(all.subList(half, all.size()), frame);
      other.countDown();
    });
    helper.start();
    writeAll(all.subList(0, half), frame);
    other.await();
  }

  @Override
  public synchronized long partialWrites() {
    return partialWrites;
  }

  @Override
  public synchronized long writerCpuNanos() {
    return writerCpuNanos;
  }

  @Override
  public void close() throws IOException {
    running = false;
    selector.wakeup();
    try {
      loop.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (SocketChannel channel : open) {
      channel.close();
    }
    server.close();
    // A registered channel's socket is only released when its key is: the loop no longer selects,
    // so closing the selector does it. Without this a second run in the same JVM has no files.
    selector.close();
  }

  private void writeAll(List<SocketChannel> channels, ByteBuffer frame) {
    long cpu = FloorServer.threadCpuNanos();
    long partial = 0;
    for (SocketChannel channel : channels) {
      ByteBuffer mine = frame.duplicate();
      try {
        channel.write(mine);
        if (mine.hasRemaining()) {
          partial++;
        }
      } catch (IOException e) {
        partial++;
      }
    }
    cpu = FloorServer.threadCpuNanos() - cpu;
    synchronized (this) {
      partialWrites += partial;
      writerCpuNanos += cpu;
    }
  }

  /** Accepts, answers each upgrade request once, and reads and drops whatever clients send. */
  private void acceptAndDrain() {
    ByteBuffer sink = ByteBuffer.allocateDirect(64 * 1024);
    try {
      while (running) {
        selector.select(100);
        for (SelectionKey key : selector.selectedKeys()) {
          if (key.isAcceptable()) {
            SocketChannel channel;
            while ((channel = server.accept()) != null) {
              channel.configureBlocking(false);
              channel.register(selector, SelectionKey.OP_READ, Boolean.FALSE);
            }
          } else if (key.isReadable()) {
            drain(key, sink);
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException e) {
      e.printStackTrace();
    }
  }

  private void drain(SelectionKey key, ByteBuffer sink) {
    SocketChannel channel = (SocketChannel) key.channel();
    try {
      sink.clear();
      if (channel.read(sink) < 0) {
        open.remove(channel);
        channel.close();
        return;
      }
      if (key.attachment() == Boolean.FALSE) { // the upgrade request, sent whole by our clients
        channel.write(ByteBuffer.wrap(UPGRADED));
        key.attach(Boolean.TRUE);
        open.add(channel);
      }
    } catch (IOException e) {
      open.remove(channel);
      key.cancel();
    }
  }
}
