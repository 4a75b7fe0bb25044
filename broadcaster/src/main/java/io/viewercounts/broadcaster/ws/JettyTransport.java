package io.viewercounts.broadcaster.ws;

import io.viewercounts.broadcaster.fanout.EncodedText;
import io.viewercounts.broadcaster.fanout.Transport;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;

/**
 * A {@link Transport} that writes the frames it sends straight to the connection's socket: a
 * message's WebSocket frame is built once for every connection ({@link EncodedText}), so a send is
 * one non-blocking write of those shared bytes, completed on the thread that made it when the
 * socket takes them at once (the usual case), with nothing framed, queued or scheduled per
 * connection. What the socket does not take at once goes to Jetty's {@link EndPoint}, which
 * writes the rest when the socket can take more. Jetty's own frame flusher, which did all of that
 * for every send (its entries, locks, a pooled header buffer, a timer), is left with the closing
 * handshake alone.
 *
 * <p>An endpoint takes one write at a time, so every write of the connection goes through here,
 * one after the other: the outbox's sends and pings, the pongs answering the client's pings, and,
 * once nothing of ours is in flight, the close (ours, or Jetty's answer to the client's, which
 * waits for {@link #afterWrites}).
 *
 * <p>The send timeout is a sweep, not a timer per write: a write the socket did not take at once
 * notes when it was handed to the endpoint, and {@link SendTimeouts} looks at every connection now
 * and then. A write it finds too old fails with the {@link SocketTimeoutException} the outbox
 * closes slow clients on, and the connection is aborted.
 */
final class JettyTransport implements Transport {

  private static final ByteBuffer PING = frame(0x89, ByteBuffer.allocate(0));
  private static final int PONG = 0x8A;
  private static final Consumer<Throwable> IGNORED = failure -> {};

  private final CoreSession session;
  private final EndPoint endPoint;
  private final SocketChannel socket; // null when not plain TCP (TLS): all through the endpoint

  // Guarded by this. The usual write, which the socket takes at once, only sets and clears busy:
  // no object stored in this long-lived one (G1's write barrier), no clock read; the sweep needs
  // both only for a write handed to the endpoint.
  private boolean busy; // a write in flight
  private Write inEndPoint; // the write the endpoint finishes, which the sweep may expire
  private long handedOverNanos; // when it was handed over
  private ArrayDeque<Write> waiting; // writes behind it: rare (a pong meeting a send), made lazily
  private boolean closing; // no writes but those already waiting once a close is asked for
  private Runnable whenIdle; // the close, once the writes are done

  JettyTransport(CoreSession session, EndPoint endPoint) {
    this.session = session;
    this.endPoint = endPoint;
    this.socket = endPoint instanceof SocketChannelEndPoint plain ? plain.getChannel() : null;
  }

  @Override
  public void send(EncodedText text, Consumer<Throwable> done) {
    write(new ByteBuffer[] {text.webSocketFrame()}, done);
  }

  @Override
  public void send(List<EncodedText> texts, Consumer<Throwable> done) {
    ByteBuffer[] frames = new ByteBuffer[texts.size()];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = texts.get(i).webSocketFrame();
    }
    write(frames, done);
  }

  @Override
  public void ping(Consumer<Throwable> done) {
    write(new ByteBuffer[] {PING.duplicate()}, done);
  }

  /** Answers the client's ping with its payload, which is the caller's to give away. */
  void pong(ByteBuffer payload) {
    write(new ByteBuffer[] {frame(PONG, payload)}, IGNORED);
  }

  @Override
  public void close(int code, String reason) {
    afterWrites(() -> session.close(code, reason, Callback.NOOP));
  }

  /**
   * Runs {@code action}, which writes through Jetty's own flusher (a close), once no write of ours
   * is in flight or waiting; and from then on takes no more.
   */
  void afterWrites(Runnable action) {
    boolean now;
    synchronized (this) {
      closing = true;
      now = !busy;
      if (!now) {
        Runnable before = whenIdle;
        whenIdle = before == null ? action : () -> {
          before.run();
          action.run();
        };
      }
    }
    if (now) {
      action.run();
    }
  }

  /**
   * Fails the write in flight, and aborts the connection, if the socket did not take it at once
   * and it was handed to the endpoint before {@code nanos}.
   */
  void expireWriteStartedBefore(long nanos) {
    Write expired;
    List<Write> failed;
    Runnable idle;
    synchronized (this) {
      expired = inEndPoint;
      if (expired == null || handedOverNanos - nanos >= 0) {
        return;
      }
      inEndPoint = null;
      failed = endWrites();
      idle = takeWhenIdle();
    }
    session.abort();
    SocketTimeoutException timedOut = new SocketTimeoutException("no write within the send timeout");
    expired.done.accept(timedOut);
    failed.forEach(write -> write.done.accept(timedOut));
    if (idle != null) {
      idle.run(); // after the abort a close writes nothing, but Jetty's answer must not hang
    }
  }

  private void write(ByteBuffer[] bytes, Consumer<Throwable> done) {
    boolean refused;
    synchronized (this) {
      refused = closing;
      if (!refused) {
        if (busy) {
          if (waiting == null) {
            waiting = new ArrayDeque<>(2);
          }
          waiting.add(new Write(bytes, done));
          return;
        }
        busy = true;
      }
    }
    if (refused) {
      done.accept(new ClosedChannelException());
    } else {
      flush(bytes, done);
    }
  }

  /**
   * Writes what the socket takes at once, as a bare NIO writer would; only what it does not take
   * goes to the endpoint, which finishes the write when the socket can take more.
   */
  private void flush(ByteBuffer[] bytes, Consumer<Throwable> done) {
    try {
      if (socket != null && writtenNow(bytes)) {
        finished(done, null);
        return;
      }
    } catch (IOException e) {
      finished(done, e);
      return;
    }
    Write write = new Write(bytes, done);
    synchronized (this) {
      inEndPoint = write;
      handedOverNanos = System.nanoTime();
    }
    try {
      endPoint.write(write, bytes);
    } catch (RuntimeException e) { // a write of Jetty's own under way (WritePendingException)
      write.failed(e);
    }
  }

  private boolean writtenNow(ByteBuffer[] bytes) throws IOException {
    if (bytes.length == 1) {
      socket.write(bytes[0]);
    } else {
      socket.write(bytes);
    }
    return !bytes[bytes.length - 1].hasRemaining();
  }

  /** The endpoint finished a write, unless the sweep expired it first. */
  private void completed(Write write, Throwable failure) {
    synchronized (this) {
      if (inEndPoint != write) {
        return;
      }
      inEndPoint = null;
    }
    finished(write.done, failure);
  }

  /** The write in flight is done: tells its writer, then starts the next or runs the close. */
  private void finished(Consumer<Throwable> done, Throwable failure) {
    Write next = null;
    List<Write> failed = List.of();
    Runnable idle = null;
    synchronized (this) {
      if (failure != null) {
        failed = endWrites();
        idle = takeWhenIdle();
      } else {
        next = waiting == null ? null : waiting.poll();
        busy = next != null;
        if (next == null) {
          idle = takeWhenIdle();
        }
      }
    }
    done.accept(failure);
    failed.forEach(one -> one.done.accept(failure));
    if (next != null) {
      flush(next.bytes, next.done);
    }
    if (idle != null) {
      idle.run();
    }
  }

  // Under this: nothing in flight any more, nothing taken from now on; the writes that waited.
  private List<Write> endWrites() {
    List<Write> waited = waiting == null ? List.of() : List.copyOf(waiting);
    waiting = null;
    busy = false;
    closing = true;
    return waited;
  }

  // Under this.
  private Runnable takeWhenIdle() {
    Runnable idle = whenIdle;
    whenIdle = null;
    return idle;
  }

  /** A server frame (final, unmasked) of a control opcode; its payload is at most 125 bytes. */
  private static ByteBuffer frame(int finAndOpcode, ByteBuffer payload) {
    ByteBuffer frame = ByteBuffer.allocate(2 + payload.remaining());
    frame.put((byte) finAndOpcode).put((byte) payload.remaining()).put(payload).flip();
    return frame.asReadOnlyBuffer();
  }

  /**
   * One write and whom to tell how it went. Its outcome never blocks (at most the next write is
   * started), so Jetty may report it on its selector thread rather than hand it to another.
   */
  private final class Write implements Callback {

    private final ByteBuffer[] bytes;
    private final Consumer<Throwable> done;

    Write(ByteBuffer[] bytes, Consumer<Throwable> done) {
      this.bytes = bytes;
      this.done = done;
    }

    @Override
    public void succeeded() {
      completed(this, null);
    }

    @Override
    public void failed(Throwable failure) {
      completed(this, failure);
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.NON_BLOCKING;
    }
  }
}
