package io.viewercounts.broadcaster.ws;

import jakarta.servlet.ServletContext;
import java.time.Duration;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.springframework.web.context.ServletContextAware;

/**
 * Sets up Jetty's WebSocket container, which Spring's {@code /ws} endpoint upgrades into, for tens
 * of thousands of mostly idle connections that all receive the same frames:
 *
 * <ul>
 *   <li>no {@code permessage-deflate}: compressing would encode each frame again per connection
 *       and keep a compressor's state (hundreds of KB) per connection, for frames of 150 bytes;
 *   <li>a client message over the frame size limit closes the connection with 1009 as soon as
 *       Jetty has read that much of it;
 *   <li>small read and write buffers, taken from Jetty's pool only while a read or write is under
 *       way, so an idle connection holds none;
 *   <li>an idle timeout well beyond the heartbeat's, so that the heartbeat (with its 1001 close and
 *       metric) decides about silent clients, and Jetty only about dead sockets it missed.
 * </ul>
 */
final class JettyWebSocketContainer implements ServletContextAware {

  private static final String PERMESSAGE_DEFLATE = "permessage-deflate";
  private static final int IDLE_TIMEOUT_PING_INTERVALS = 3;

  private final long maxMessageBytes;
  private final int bufferBytes;
  private final Duration pingInterval;

  JettyWebSocketContainer(long maxMessageBytes, int bufferBytes, Duration pingInterval) {
    this.maxMessageBytes = maxMessageBytes;
    this.bufferBytes = bufferBytes;
    this.pingInterval = pingInterval;
  }

  @Override
  public void setServletContext(ServletContext servletContext) {
    JettyWebSocketServerContainer container =
        JettyWebSocketServerContainer.ensureContainer(servletContext);
    container.setMaxTextMessageSize(maxMessageBytes);
    container.setMaxBinaryMessageSize(maxMessageBytes);
    container.setInputBufferSize(bufferBytes);
    container.setOutputBufferSize(bufferBytes);
    container.setIdleTimeout(pingInterval.multipliedBy(IDLE_TIMEOUT_PING_INTERVALS));
    WebSocketServerComponents.getWebSocketComponents(
            ServletContextHandler.getServletContextHandler(servletContext))
        .getExtensionRegistry()
        .unregister(PERMESSAGE_DEFLATE);
  }
}
