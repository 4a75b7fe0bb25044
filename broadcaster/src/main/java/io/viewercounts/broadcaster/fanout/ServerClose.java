package io.viewercounts.broadcaster.fanout;

/**
 * Why the server closes a connection: the WebSocket status code and reason the client receives, and
 * the tag the close is counted under.
 */
public record ServerClose(int code, String reason, String tag) {

  /**
   * The client did not take a frame within the send timeout, or left more control frames unread
   * than we keep. 4008 is private-use (like 1008, policy violation) so clients and operators can
   * tell it apart; the client should reconnect with backoff. After a send timeout the container has
   * usually dropped the socket already, so only the metric records the reason.
   */
  public static final ServerClose SLOW_CLIENT =
      new ServerClose(4008, "client too slow", "slow_client");

  /** A send failed for another reason: the socket is most likely gone already. */
  public static final ServerClose SEND_FAILED = new ServerClose(1011, "send failed", "send_failed");

  /** No pong nor message for two ping intervals: 1001, the server goes away from a dead peer. */
  public static final ServerClose PING_TIMEOUT =
      new ServerClose(1001, "ping timeout", "ping_timeout");

  /** The node is stopping: 1001, going away; the client reconnects, through the load balancer. */
  public static final ServerClose SHUTTING_DOWN =
      new ServerClose(1001, "server shutting down", "shutdown");

  /** The client sent a frame over the size limit: 1009, message too big. */
  public static final ServerClose FRAME_TOO_LARGE =
      new ServerClose(1009, "frame too large", "frame_too_large");

  /** The client sent a binary message: 1003, the protocol only has text. */
  public static final ServerClose BINARY_MESSAGE =
      new ServerClose(1003, "binary messages are not accepted", "binary_message");

  /** The client's address already holds the maximum number of connections. */
  public static final ServerClose TOO_MANY_CONNECTIONS =
      new ServerClose(1008, "too many connections from this address", "too_many_connections");
}
