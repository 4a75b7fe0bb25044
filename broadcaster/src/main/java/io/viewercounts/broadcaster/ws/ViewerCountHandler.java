package io.viewercounts.broadcaster.ws;

import io.viewercounts.broadcaster.fanout.ServerClose;
import java.math.BigDecimal;
import java.util.List;

/**
 * What the {@code /ws} endpoint does with a connection, shared by all of them (each {@link
 * ViewerCountEndpoint} only joins its frames): admits connections, turns client messages into
 * subscriptions, answers bad input with an error frame, and counts closes.
 *
 * <p>All frames go out through each connection's outbox, so nothing here blocks on a slow client.
 */
final class ViewerCountHandler {

  private final Connections connections;
  private final ProtocolMetrics metrics;
  private final int maxSubscriptions;
  private final String tooManySubscriptions;
  private final String rateLimited;

  ViewerCountHandler(
      Connections connections,
      ProtocolMetrics metrics,
      int maxSubscriptions,
      double subscribesPerSecond) {
    this.connections = connections;
    this.metrics = metrics;
    this.maxSubscriptions = maxSubscriptions;
    this.tooManySubscriptions =
        "at most " + maxSubscriptions + " subscriptions per connection; nothing subscribed";
    this.rateLimited =
        "more than "
            + BigDecimal.valueOf(subscribesPerSecond).stripTrailingZeros().toPlainString()
            + " subscribe requests per second; nothing subscribed";
  }

  /** The new connection, or null when its address has too many already (it is being closed). */
  Connection opened(String address, JettyTransport transport) {
    Connection connection = connections.open(address, transport);
    if (connection == null) {
      ServerClose refused = ServerClose.TOO_MANY_CONNECTIONS;
      metrics.violation(refused.tag());
      transport.close(refused.code(), refused.reason());
    }
    return connection;
  }

  /** A whole text message from the client. */
  void message(Connection connection, String text) {
    ClientCommand command;
    try {
      command = ClientCommands.parse(text);
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

  /** The client's message passed the frame size limit: 1009. */
  void messageTooLarge(Connection connection) {
    refuse(connection, ServerClose.FRAME_TOO_LARGE);
  }

  /** The protocol is text only: 1003. */
  void binaryMessage(Connection connection) {
    refuse(connection, ServerClose.BINARY_MESSAGE);
  }

  /** The connection is gone; {@code connection} is null for one refused at its opening. */
  void closed(Connection connection, int statusCode) {
    if (connection == null) {
      metrics.closed(ServerClose.TOO_MANY_CONNECTIONS.tag());
      return;
    }
    connections.closed(connection);
    ServerClose ours = connection.subscriber().closedWith();
    metrics.closed(ours != null ? ours.tag() : reasonOf(statusCode));
  }

  /** Counted once per connection, however many frames it sends before the close. */
  private void refuse(Connection connection, ServerClose why) {
    if (connection.subscriber().closedWith() == null) {
      metrics.violation(why.tag());
      connection.subscriber().close(why);
    }
  }

  /**
   * A refused subscribe names its stream ids, so the client knows which are not subscribed, and
   * for the subscription limit the limit, so a page can keep within it.
   */
  private void subscribe(Connection connection, ClientCommand command) {
    if (!connection.allowSubscribe()) {
      reject(connection, ErrorCode.RATE_LIMITED, rateLimited, command.streamIds(), null);
    } else if (!connection.subscriber().subscribe(command.streamIds(), command.history())) {
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

  /** A close the server did not ask for, by status code; any other code counts as "other". */
  private static String reasonOf(int statusCode) {
    return switch (statusCode) {
      case 1000 -> "normal";
      case 1001 -> "going_away";
      case 1003 -> ServerClose.BINARY_MESSAGE.tag();
      case 1006 -> "abnormal";
      case 1009 -> "frame_too_large";
      case 1011 -> "server_error";
      default -> "other";
    };
  }
}
