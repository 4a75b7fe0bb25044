package io.viewercounts.bench.clients;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Many minimal WebSocket clients on one selector thread: handshake, one subscribe frame, then read
 * frames, answer pings, and hold each {@code viewer_count} against what the contract promises
 * ({@link StreamLedger}). A few hundred bytes each, so one process can hold close to its file
 * limit of sockets.
 */
final class Clients {

  private static final int MAX_HANDSHAKES_IN_FLIGHT = 256;
  private static final long HANDSHAKE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);
  private static final long CONNECT_TIMEOUT_MILLIS = 600_000;

  private final Selector selector;
  private final Thread thread = new Thread(this::loop, "clients");
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
  private final byte[] frame = new byte[64 * 1024];
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final List<Client> all = new ArrayList<>(); // selector thread only
  /** Per count: first and last receipt, System.nanoTime. */
  private final ConcurrentHashMap<Long, long[]> firstAndLast = new ConcurrentHashMap<>();
  private final Receipts receipts = new Receipts(); // selector thread only
  private long dropped; // clients that were open and lost their connection

  private volatile boolean running = true;
  private ConnectRound round; // selector thread only

  Clients() throws IOException {
    selector = Selector.open();
  }

  void start() {
    thread.setDaemon(true);
    thread.start();
  }

  /** Opens {@code count} clients; returns {opened, failed} once each has succeeded or failed. */
  int[] connect(int count, String host, List<Integer> ports, String source, StreamPlan plan)
      throws InterruptedException {
    ConnectRound next = new ConnectRound(count, host, ports, source, plan);
    run(() -> {
      round = next;
      next.openMore(this);
    });
    return next.awaitDone(CONNECT_TIMEOUT_MILLIS);
  }

  /**
   * Waits until every open client subscribed to {@code stream} has a count of at least {@code
   * count} for it. Returns {clients that have, subscribed open clients, first receipt of exactly
   * {@code count}, last receipt of it}.
   */
  long[] await(String stream, long count, long timeoutMillis) throws InterruptedException {
    long[] state = untilComplete(timeoutMillis, 2, () -> {
      long have = 0;
      long subscribed = 0;
      for (Client client : all) {
        if (client.open && client.ledger.streams().contains(stream)) {
          subscribed++;
          if (client.ledger.lastCount(stream) >= count) {
            have++;
          }
        }
      }
      return new long[] {have, subscribed};
    });
    long[] seen = firstAndLast.getOrDefault(count, new long[] {0, 0});
    return new long[] {state[0], state[1], seen[0], seen[1]};
  }

  /**
   * Waits until every open client ended with the {@code expected} count of each of its streams.
   * Returns {clients that did, open clients, versions that went backwards, repeated versions,
   * clients that lost their connection}.
   */
  long[] expect(Map<String, Long> expected, long timeoutMillis) throws InterruptedException {
    return untilComplete(timeoutMillis, 20, () -> {
      long holding = 0;
      long open = 0;
      long backwards = 0;
      long repeats = 0;
      for (Client client : all) {
        backwards += client.ledger.backwards;
        repeats += client.ledger.repeats;
        if (client.open) {
          open++;
          if (client.ledger.holds(expected)) {
            holding++;
          }
        }
      }
      return new long[] {holding, open, backwards, repeats, dropped};
    });
  }

  /**
   * Asks {@code state} on the selector thread every {@code pauseMillis} until its first figure
   * reaches its second (every client there) or the time is up; returns the last answer.
   */
  private long[] untilComplete(long timeoutMillis, long pauseMillis, Callable<long[]> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    long[] now = call(state);
    while (now[0] < now[1] && System.nanoTime() < deadline) {
      Thread.sleep(pauseMillis);
      now = call(state);
    }
    return now;
  }

  /** Writes every receipt since the last drain to {@code file} ({@link Receipts}); how many. */
  long drainReceipts(Path file) throws InterruptedException {
    return call(() -> {
      long size = receipts.size();
      receipts.drainTo(file);
      return size;
    });
  }

  /** Forgets the receipts so far: what follows is measured alone. */
  void reset() throws InterruptedException {
    call(() -> {
      firstAndLast.clear();
      receipts.clear();
      return null;
    });
  }

  void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- selector thread ----

  private void loop() {
    try {
      while (running) {
        selector.select(100);
        Runnable task;
        while ((task = tasks.poll()) != null) {
          task.run();
        }
        long now = System.nanoTime();
        for (SelectionKey key : selector.selectedKeys()) {
          Client client = (Client) key.attachment();
          try {
            if (key.isValid() && key.isConnectable()) {
              client.channel.finishConnect();
              key.interestOps(SelectionKey.OP_READ);
              client.write(ByteBuffer.wrap(client.handshake()));
            } else if (key.isValid() && key.isReadable()) {
              read(client, now);
            }
          } catch (IOException | RuntimeException e) {
            fail(client);
          }
        }
        selector.selectedKeys().clear();
        if (round != null) {
          round.expire(this, now);
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      e.printStackTrace();
    } finally {
      all.forEach(client -> closeQuietly(client));
      try {
        selector.close();
      } catch (IOException e) {
        // exiting anyway
      }
    }
  }

  void open(ConnectRound from, int index) {
    Client client = new Client(from, index);
    client.startedNanos = System.nanoTime();
    from.handshaking.add(client);
    try {
      client.channel = SocketChannel.open();
      client.channel.configureBlocking(false);
      client.channel.bind(new InetSocketAddress(from.source, 0));
      int port = from.ports.get(index % from.ports.size());
      client.host = from.host + ":" + port;
      if (client.channel.connect(new InetSocketAddress(from.host, port))) {
        client.channel.register(selector, SelectionKey.OP_READ, client);
        client.write(ByteBuffer.wrap(client.handshake()));
      } else {
        client.channel.register(selector, SelectionKey.OP_CONNECT, client);
      }
    } catch (IOException | RuntimeException e) {
      fail(client);
    }
  }

  private void read(Client client, long now) throws IOException {
    readBuffer.clear();
    if (client.carry != null) {
      readBuffer.put(client.carry);
      client.carry = null;
    }
    int read = client.channel.read(readBuffer);
    if (read < 0) {
      fail(client);
      return;
    }
    readBuffer.flip();
    if (!client.open) {
      readHandshake(client);
    }
    if (client.open) {
      readFrames(client, now);
    }
    if (readBuffer.hasRemaining() && client.channel.isOpen()) {
      client.carry = new byte[readBuffer.remaining()];
      readBuffer.get(client.carry);
    }
  }

  private void readHandshake(Client client) throws IOException {
    int end = headerEnd(readBuffer);
    if (end < 0) {
      return; // not complete yet: carried over
    }
    byte[] headers = new byte[end];
    readBuffer.get(headers);
    if (!new String(headers, 0, Math.min(12, end), StandardCharsets.US_ASCII)
        .equals("HTTP/1.1 101")) {
      fail(client);
      return;
    }
    client.open = true;
    client.write(Frames.text(StreamPlan.subscribeFrame(client.ledger.streams())));
    client.round.handshakeDone(this, client, true);
  }

  private void readFrames(Client client, long now) throws IOException {
    while (readBuffer.remaining() >= 2) {
      int start = readBuffer.position();
      int opcode = readBuffer.get(start) & 0x0F;
      int length = readBuffer.get(start + 1) & 0x7F;
      int header = 2;
      if (length == 126) {
        if (readBuffer.remaining() < 4) {
          return;
        }
        length = readBuffer.getShort(start + 2) & 0xFFFF;
        header = 4;
      } else if (length == 127) {
        throw new IOException("frame too large for a load client");
      }
      if (readBuffer.remaining() < header + length) {
        return; // incomplete: carried over
      }
      readBuffer.position(start + header);
      readBuffer.get(frame, 0, length);
      switch (opcode) {
        case 0x1 -> text(client, length, now);
        case 0x9 -> client.write(Frames.pong(frame, length));
        case 0x8 -> {
          fail(client);
          return;
        }
        default -> {
          // pongs and anything else: nothing to do
        }
      }
    }
  }

  private void text(Client client, int length, long now) {
    if (!CountFrame.isCount(frame, length)) {
      return; // subscribed or error
    }
    long count = client.ledger.receive(frame, length);
    if (count >= 0) {
      receipts.add(count, now);
      long[] seen = firstAndLast.computeIfAbsent(count, c -> new long[] {now, now});
      seen[1] = Math.max(seen[1], now);
    }
  }

  private void fail(Client client) {
    boolean wasOpen = client.open;
    if (wasOpen && running) {
      dropped++;
    }
    client.open = false;
    closeQuietly(client);
    if (!wasOpen && client.round != null) {
      client.round.handshakeDone(this, client, false);
    }
  }

  private static void closeQuietly(Client client) {
    try {
      if (client.channel != null) {
        client.channel.close();
      }
    } catch (IOException e) {
      // closing anyway
    }
  }

  void track(Client client) {
    all.add(client);
  }

  private <T> T call(Callable<T> work) throws InterruptedException {
    CompletableFuture<T> result = new CompletableFuture<>();
    run(() -> {
      try {
        result.complete(work.call());
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  private void run(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  private static int headerEnd(ByteBuffer buffer) {
    for (int i = buffer.position(); i + 3 < buffer.limit(); i++) {
      if (buffer.get(i) == '\r'
          && buffer.get(i + 1) == '\n'
          && buffer.get(i + 2) == '\r'
          && buffer.get(i + 3) == '\n') {
        return i + 4 - buffer.position();
      }
    }
    return -1;
  }

  /** One client connection. */
  static final class Client {
    final ConnectRound round;
    final int index;
    SocketChannel channel;
    String host;
    long startedNanos;
    boolean open;
    byte[] carry;
    final StreamLedger ledger;

    Client(ConnectRound round, int index) {
      this.round = round;
      this.index = index;
      this.ledger = new StreamLedger(round.plan.streamsOf(index));
    }

    byte[] handshake() {
      return ("GET /ws HTTP/1.1\r\nHost: "
              + host
              + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
    }

    /** Small frames only: a socket buffer always takes them whole, or the client is dropped. */
    void write(ByteBuffer bytes) throws IOException {
      channel.write(bytes);
      if (bytes.hasRemaining()) {
        throw new IOException("socket buffer full");
      }
    }
  }

  /** One connect command: opens clients a few hundred at a time until all succeeded or failed. */
  static final class ConnectRound {
    final int count;
    final String host;
    final List<Integer> ports;
    final String source;
    final StreamPlan plan;
    final ArrayDeque<Client> handshaking = new ArrayDeque<>();
    int started;
    int opened;
    int failed;
    private boolean opening; // a failure inside open() must not recurse into openMore
    private final CountDownLatch done = new CountDownLatch(1);

    ConnectRound(int count, String host, List<Integer> ports, String source, StreamPlan plan) {
      this.count = count;
      this.host = host;
      this.ports = ports;
      this.source = source;
      this.plan = plan;
    }

    void openMore(Clients clients) {
      if (opening) {
        return;
      }
      opening = true;
      while (started < count && started - opened - failed < MAX_HANDSHAKES_IN_FLIGHT) {
        clients.open(this, started++);
      }
      opening = false;
      if (opened + failed == count) {
        done.countDown();
      }
    }

    void handshakeDone(Clients clients, Client client, boolean ok) {
      if (!handshaking.remove(client)) {
        return;
      }
      if (ok) {
        opened++;
        clients.track(client);
      } else {
        failed++;
      }
      openMore(clients);
    }

    /** Fails handshakes that take too long: a node out of file descriptors never answers. */
    void expire(Clients clients, long now) {
      while (!handshaking.isEmpty()
          && now - handshaking.peekFirst().startedNanos > HANDSHAKE_TIMEOUT_NANOS) {
        clients.fail(handshaking.peekFirst());
      }
    }

    int[] awaitDone(long timeoutMillis) throws InterruptedException {
      done.await(timeoutMillis, TimeUnit.MILLISECONDS);
      return new int[] {opened, failed};
    }
  }
}
