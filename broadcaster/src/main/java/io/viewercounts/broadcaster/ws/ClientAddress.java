package io.viewercounts.broadcaster.ws;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Keeps the client's address as the handshake request saw it: behind a load balancer, with {@code
 * server.forward-headers-strategy}, the forwarded one. Jetty's WebSocket session only knows the
 * socket's peer, which there is the load balancer.
 */
final class ClientAddress implements HandshakeInterceptor {

  private static final String ATTRIBUTE = ClientAddress.class.getName();

  static String of(WebSocketSession session) {
    Object address = session.getAttributes().get(ATTRIBUTE);
    return address != null ? (String) address : "unknown";
  }

  @Override
  public boolean beforeHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler handler,
      Map<String, Object> attributes) {
    if (request instanceof ServletServerHttpRequest servletRequest) {
      HttpServletRequest http = servletRequest.getServletRequest();
      if (http.getRemoteAddr() != null) {
        attributes.put(ATTRIBUTE, http.getRemoteAddr());
      }
    }
    return true;
  }

  @Override
  public void afterHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler handler,
      Exception exception) {}
}
