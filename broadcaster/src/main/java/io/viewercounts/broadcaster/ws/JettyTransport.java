package io.viewercounts.broadcaster.ws;

import io.viewercounts.broadcaster.fanout.Transport;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * A {@link Transport} on Jetty's core WebSocket session. A text message goes out as the shared
 * UTF-8 bytes of its frame (Jetty adds the two-byte header), queued on the connection's flusher,
 * which writes without blocking, gathers whatever is queued into one write, and completes the send
 * on the thread that wrote it: the sending thread itself when the socket takes the bytes at once,
 * the usual case. Pings and closes are asynchronous too, so nothing needs a thread of its own.
 *
 * <p>The send timeout is not Jetty's per-frame write timeout, which schedules a timer per
 * connection (19,000 timers for one change to 19,000 idle clients: 6.6% of the delivery threads'
 * time in a profile): each write notes when it started, and {@link SendTimeouts} looks at every
 * connection now and then. A write it finds too old fails with the {@link SocketTimeoutException}
 * the outbox closes slow clients on, and the connection is aborted.
 */
final class JettyTransport implements Transport {

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();
  private static final VarHandle PENDING;

  static {
    try {
      PENDING =
          MethodHandles.lookup().findVarHandle(JettyTransport.class, "pending", Completion.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final CoreSession session;
  private volatile long writeStartedNanos;
  private volatile Completion pending; // the write in flight, until completed or expired

  JettyTransport(CoreSession session) {
    this.session = session;
  }

  @Override
  public void send(ByteBuffer utf8Text, Consumer<Throwable> done) {
    write(new Frame(OpCode.TEXT, utf8Text.duplicate()), done);
  }

  @Override
  public void ping(Consumer<Throwable> done) {
    write(new Frame(OpCode.PING, EMPTY.duplicate()), done);
  }

  @Override
  public void close(int code, String reason) {
    session.close(code, reason, Callback.NOOP);
  }

  /** Fails the write in flight, and aborts the connection, if it started before {@code nanos}. */
  void expireWriteStartedBefore(long nanos) {
    Completion completion = pending;
    if (completion != null
        && writeStartedNanos - nanos < 0
        && PENDING.compareAndSet(this, completion, null)) {
      session.abort();
      completion.done.accept(new SocketTimeoutException("no write within the send timeout"));
    }
  }

  private void write(Frame frame, Consumer<Throwable> done) {
    Completion completion = new Completion(done);
    writeStartedNanos = System.nanoTime(); // before pending: whoever sees pending sees its start
    pending = completion;
    session.sendFrame(frame, completion, false);
  }

  /** One write's outcome, passed on once: by Jetty, or by the expiry, whichever comes first. */
  private final class Completion implements Callback {

    private final Consumer<Throwable> done;

    Completion(Consumer<Throwable> done) {
      this.done = done;
    }

    @Override
    public void succeeded() {
      if (PENDING.compareAndSet(JettyTransport.this, this, null)) {
        done.accept(null);
      }
    }

    @Override
    public void failed(Throwable failure) {
      if (PENDING.compareAndSet(JettyTransport.this, this, null)) {
        done.accept(failure);
      }
    }
  }
}
