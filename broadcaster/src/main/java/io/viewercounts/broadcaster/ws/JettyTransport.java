package io.viewercounts.broadcaster.ws;

import io.viewercounts.broadcaster.fanout.Transport;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.exception.WebSocketWriteTimeoutException;

/**
 * A {@link Transport} on Jetty's core WebSocket session. A text message goes out as the shared
 * UTF-8 bytes of its frame (Jetty adds the two-byte header), queued on the connection's flusher,
 * which writes without blocking, gathers whatever is queued into one write, and completes the send
 * on the thread that wrote it: the sending thread itself when the socket takes the bytes at once,
 * the usual case. Pings and closes are asynchronous too, so nothing needs a thread of its own.
 *
 * <p>A write the client does not take within the send timeout aborts the connection; Jetty reports
 * it as {@link WebSocketWriteTimeoutException}, passed on as the {@link SocketTimeoutException} the
 * outbox closes slow clients on.
 */
final class JettyTransport implements Transport {

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

  private final CoreSession session;
  private final long sendTimeoutMillis;

  JettyTransport(CoreSession session, Duration sendTimeout) {
    this.session = session;
    this.sendTimeoutMillis = sendTimeout.toMillis();
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

  private void write(Frame frame, Consumer<Throwable> done) {
    session.sendFrame(
        new OutgoingEntry.Builder(frame, new Completion(done))
            .frameTimeout(sendTimeoutMillis)
            .build());
  }

  /** One write's outcome, passed on exactly once (Jetty calls one of these once). */
  private record Completion(Consumer<Throwable> done) implements Callback {

    @Override
    public void succeeded() {
      done.accept(null);
    }

    @Override
    public void failed(Throwable failure) {
      done.accept(
          failure instanceof WebSocketWriteTimeoutException
              ? new SocketTimeoutException(failure.getMessage())
              : failure);
    }
  }
}
