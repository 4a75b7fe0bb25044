package io.viewercounts.broadcaster.fanout;

import java.util.List;
import java.util.function.Consumer;

/**
 * The edge a {@link Subscriber} writes through: one client connection. The outbox guarantees that
 * at most one {@code send} or {@code ping} is in flight at a time.
 *
 * <p>Implementations must not block the calling thread (it may be the Kafka feed fanning out to
 * thousands of connections) and must call {@code done} exactly once, with {@code null} on success
 * or the failure otherwise, within a bounded time: a send that cannot complete in time fails with a
 * {@link java.net.SocketTimeoutException}.
 */
public interface Transport {

  /**
   * Sends one text message.
   *
   * @param text the message, encoded once and shared with every other connection that sends it
   */
  void send(EncodedText text, Consumer<Throwable> done);

  /**
   * Sends text messages, in order, in one write where it can.
   *
   * @param texts the messages, each encoded once and shared with every other connection that
   *     sends it
   */
  void send(List<EncodedText> texts, Consumer<Throwable> done);

  /** A protocol-level ping; the client's pong is reported to the connection by the caller. */
  void ping(Consumer<Throwable> done);

  /** Closes the connection with a WebSocket status code; must not block either. */
  void close(int code, String reason);
}
