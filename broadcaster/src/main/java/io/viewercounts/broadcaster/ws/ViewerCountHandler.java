package io.viewercounts.broadcaster.ws;

import io.viewercounts.broadcaster.fanout.ServerClose;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The {@code /ws} endpoint: admits connections, turns client frames into subscriptions, and answers
 * bad input with an error frame. Jetty joins a client's message and closes the connection with 1009
 * as soon as it exceeds the frame size limit ({@link JettyWebSocketContainer}).
 *
 * <p>All frames go out through each connection's outbox, never through the Spring session (which
 * only closes refused connections), so nothing here blocks on a slow client.
 */
final class ViewerCountHandler extends TextWebSocketHandler {

  private static final Logger log = LoggerFactory.getLogger(ViewerCountHandler.class);
  private static final String CONNECTION = Connection.class.getName();

  private final Connections connections;
  private final ProtocolMetrics metrics;
  private final Duration sendTimeout;
  private final int maxSubscriptions;
  private final String tooManySubscriptions;
  private final String rateLimited;

  ViewerCountHandler(
      Connections connections,
      ProtocolMetrics metrics,
      Duration sendTimeout,
      int maxSubscriptions,
      double subscribesPerSecond) {
    this.connections = connections;
    this.metrics = metrics;
    this.sendTimeout = sendTimeout;
    this.maxSubscriptions = maxSubscriptions;
    this.tooManySubscriptions =
        "at most " + maxSubscriptions + " subscriptions per connection; nothing subscribed";
    this.rateLimited =
        "more than "
            + BigDecimal.valueOf(subscribesPerSecond).stripTrailingZeros().toPlainString()
            + " subscribe requests per second; nothing subscribed";
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) throws Exception {
    Connection connection =
        connections.open(
            ClientAddress.of(session), new JettyTransport(coreSessionOf(session), sendTimeout));
    if (connection == null) {
      ServerClose refused = ServerClose.TOO_MANY_CONNECTIONS;
      metrics.violation(refused.tag());
      session.close(new CloseStatus(refused.code(), refused.reason()));
      return;
    }
    session.getAttributes().put(CONNECTION, connection);
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    Connection connection = connectionOf(session);
    if (connection == null) {
      return;
    }
    connection.heard();
    ClientCommand command;
    try {
      command = ClientCommands.parse(message.getPayload());
    } catch (InvalidCommandException e) {
      reject(connection, ErrorCode.BAD_REQUEST, e.getMessage());
      return;
    }
    switch (command.type()) {
      case SUBSCRIBE -> subscribe(connection, command);
      case UNSUBSCRIBE -> connection.subscriber().unsubscribe(command.streamIds());
      // Not rate limited: watching again changes nothing, and its answer is as cheap as a pong.
      case SUBSCRIBE_LIVE -> connection.subscriber().watchLive();
      case UNSUBSCRIBE_LIVE -> connection.subscriber().unwatchLive();
    }
  }

  @Override
  protected void handlePongMessage(WebSocketSession session, PongMessage message) {
    Connection connection = connectionOf(session);
    if (connection != null) {
      connection.heard();
    }
  }

  @Override
  protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
    if (session.isOpen()) { // count a client once, however many it sends before the close
      metrics.violation("binary_message");
      super.handleBinaryMessage(session, message); // closes with 1003, not acceptable
    }
  }

  @Override
  public void handleTransportError(WebSocketSession session, Throwable exception) {
    // The container closes the session next (1009 for a message over the limit, which Jetty
    // refuses before it is whole); afterConnectionClosed cleans up.
    if (exception instanceof MessageTooLargeException) {
      metrics.violation(ServerClose.FRAME_TOO_LARGE.tag());
    }
    log.debug("WebSocket transport error on {}", session.getId(), exception);
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    Connection connection = (Connection) session.getAttributes().remove(CONNECTION);
    if (connection == null) {
      metrics.closed(ServerClose.TOO_MANY_CONNECTIONS.tag());
      return;
    }
    connections.closed(connection);
    ServerClose ours = connection.subscriber().closedWith();
    metrics.closed(ours != null ? ours.tag() : reasonOf(status));
  }

  /**
   * A refused subscribe names its stream ids, so the client knows which are not subscribed, and
   * for the subscription limit the limit, so a page can keep within it.
   */
  private void subscribe(Connection connection, ClientCommand command) {
    if (!connection.allowSubscribe()) {
      reject(connection, ErrorCode.RATE_LIMITED, rateLimited, command.streamIds(), null);
    } else if (!connection.subscriber().subscribe(command.streamIds())) {
      reject(
          connection,
          ErrorCode.TOO_MANY_SUBSCRIPTIONS,
          tooManySubscriptions,
          command.streamIds(),
          maxSubscriptions);
    }
  }

  private void reject(Connection connection, ErrorCode code, String message) {
    reject(connection, code, message, null, null);
  }

  private void reject(
      Connection connection,
      ErrorCode code,
      String message,
      List<String> refusedStreamIds,
      Integer limit) {
    metrics.violation(code.code());
    connection.subscriber().sendError(code.code(), message, refusedStreamIds, limit);
  }

  /** Jetty's own session under Spring's: it takes frames whose bytes are ready. */
  private static CoreSession coreSessionOf(WebSocketSession session) {
    Session jetty = ((NativeWebSocketSession) session).getNativeSession(Session.class);
    return ((org.eclipse.jetty.websocket.common.WebSocketSession) jetty).getCoreSession();
  }

  private static Connection connectionOf(WebSocketSession session) {
    return (Connection) session.getAttributes().get(CONNECTION);
  }

  /** A close the server did not ask for, by status code; any other code counts as "other". */
  private static String reasonOf(CloseStatus status) {
    return switch (status.getCode()) {
      case 1000 -> "normal";
      case 1001 -> "going_away";
      case 1003 -> "binary_message";
      case 1006 -> "abnormal";
      case 1009 -> "frame_too_large";
      case 1011 -> "server_error";
      default -> "other";
    };
  }
}
