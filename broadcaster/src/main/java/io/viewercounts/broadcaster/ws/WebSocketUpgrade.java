package io.viewercounts.broadcaster.ws;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletCoreRequest;
import org.eclipse.jetty.ee11.servlet.ServletCoreResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketMappings;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.context.ServletContextAware;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.util.WebUtils;

/**
 * {@code GET /ws}: checks the Origin, takes the client's address, and upgrades the request to
 * Jetty's core WebSocket API, one {@link ViewerCountEndpoint} per connection. Jetty's connections
 * are set up for tens of thousands of mostly idle clients that all receive the same frames:
 *
 * <ul>
 *   <li>no {@code permessage-deflate}: compressing would encode each frame again per connection
 *       and keep a compressor's state (hundreds of KB) per connection, for frames of 150 bytes;
 *   <li>Jetty hands a larger client frame over in parts of the frame size limit, and the endpoint
 *       closes a message over the limit with 1009 as soon as it is;
 *   <li>a small read buffer, taken from Jetty's pool only while a read is under way, so an idle
 *       connection holds none; frames to the client are written by {@link JettyTransport} from
 *       shared bytes, and Jetty's own write buffer serves its closing frames alone;
 *   <li>an idle timeout well beyond the heartbeat's, so that the heartbeat (with its 1001 close and
 *       metric) decides about silent clients, and Jetty only about dead sockets it missed.
 * </ul>
 */
final class WebSocketUpgrade implements HttpRequestHandler, ServletContextAware {

  private static final String PERMESSAGE_DEFLATE = "permessage-deflate";
  private static final int IDLE_TIMEOUT_PING_INTERVALS = 3;

  private final ViewerCountHandler handler;
  private final SendTimeouts sendTimeouts;
  private final CorsConfiguration allowedOrigins = new CorsConfiguration();
  private final int maxMessageBytes;
  private final WebSocketNegotiator negotiator;
  private WebSocketMappings mappings;

  WebSocketUpgrade(
      ViewerCountHandler handler,
      SendTimeouts sendTimeouts,
      List<String> allowedOriginPatterns,
      int maxMessageBytes,
      int bufferBytes,
      Duration pingInterval) {
    this.handler = handler;
    this.sendTimeouts = sendTimeouts;
    this.allowedOrigins.setAllowedOriginPatterns(allowedOriginPatterns);
    this.maxMessageBytes = maxMessageBytes;
    WebSocketNegotiator.AbstractNegotiator negotiator =
        new WebSocketNegotiator.AbstractNegotiator() {
          @Override
          public FrameHandler negotiate(
              ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
            return endpoint(request);
          }
        };
    negotiator.setMaxFrameSize(maxMessageBytes);
    negotiator.setInputBufferSize(bufferBytes);
    negotiator.setOutputBufferSize(bufferBytes);
    negotiator.setIdleTimeout(pingInterval.multipliedBy(IDLE_TIMEOUT_PING_INTERVALS));
    this.negotiator = negotiator;
  }

  @Override
  public void setServletContext(ServletContext servletContext) {
    ServletContextHandler context = ServletContextHandler.getServletContextHandler(servletContext);
    mappings = WebSocketMappings.ensureMappings(context);
    WebSocketServerComponents.getWebSocketComponents(context)
        .getExtensionRegistry()
        .unregister(PERMESSAGE_DEFLATE);
  }

  @Override
  public void handleRequest(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ServletServerHttpRequest handshake = new ServletServerHttpRequest(request);
    if (!originAllowed(handshake)) {
      response.sendError(HttpStatus.FORBIDDEN.value(), "origin not allowed");
      return;
    }
    Request coreRequest = ServletCoreRequest.wrap(request);
    Response coreResponse = ServletCoreResponse.wrap(coreRequest, response, false);
    coreRequest.setAttribute(ClientAddress.ATTRIBUTE, ClientAddress.of(request));
    boolean upgraded;
    try (Blocker.Callback callback = Blocker.callback()) {
      upgraded = mappings.upgrade(negotiator, coreRequest, coreResponse, callback, null);
      if (upgraded) {
        callback.block();
      }
    }
    if (!upgraded) {
      response.sendError(HttpStatus.BAD_REQUEST.value(), "expected a WebSocket upgrade");
    }
  }

  /** Same origin, an allowed one, or none (not a browser): as Spring's own origin check. */
  private boolean originAllowed(ServletServerHttpRequest handshake) {
    return WebUtils.isSameOrigin(handshake)
        || allowedOrigins.checkOrigin(handshake.getHeaders().getOrigin()) != null;
  }

  private FrameHandler endpoint(ServerUpgradeRequest request) {
    Object address = request.getAttribute(ClientAddress.ATTRIBUTE);
    return new ViewerCountEndpoint(
        handler, sendTimeouts, address != null ? (String) address : "unknown", maxMessageBytes);
  }
}
