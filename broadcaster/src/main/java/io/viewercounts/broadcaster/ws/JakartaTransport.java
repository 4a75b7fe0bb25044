package io.viewercounts.broadcaster.ws;

import io.viewercounts.broadcaster.fanout.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Transport} on the native Jakarta WebSocket session. Text goes through the non-blocking
 * {@code RemoteEndpoint.Async}, whose send timeout fails a write the client does not take in time;
 * pings and closes, blocking in the Jakarta API, run on {@link BlockingSends}.
 */
final class JakartaTransport implements Transport {

  private static final Logger log = LoggerFactory.getLogger(JakartaTransport.class);

  /** Tomcat's bound on blocking writes (pings, close frames); its default is 20 s. */
  private static final String TOMCAT_BLOCKING_SEND_TIMEOUT =
      "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

  private final Session session;
  private final BlockingSends blockingSends;

  JakartaTransport(Session session, Duration sendTimeout, BlockingSends blockingSends) {
    this.session = session;
    this.blockingSends = blockingSends;
    session.getAsyncRemote().setSendTimeout(sendTimeout.toMillis());
    session.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, sendTimeout.toMillis());
  }

  @Override
  public void send(String text, Consumer<Throwable> done) {
    session
        .getAsyncRemote()
        .sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
  }

  @Override
  public void ping(Consumer<Throwable> done) {
    boolean submitted =
        blockingSends.submit(
            () -> {
              try {
                session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
                done.accept(null);
              } catch (IOException | RuntimeException e) {
                done.accept(e);
              }
            });
    if (!submitted) {
      done.accept(new RejectedExecutionException("shutting down"));
    }
  }

  @Override
  public void close(int code, String reason) {
    blockingSends.submit(
        () -> {
          try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
          } catch (IOException | RuntimeException e) {
            log.debug("Closing WebSocket session {} failed", session.getId(), e);
          }
        });
  }
}
