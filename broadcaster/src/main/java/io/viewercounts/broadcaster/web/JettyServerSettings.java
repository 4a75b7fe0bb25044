package io.viewercounts.broadcaster.web;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.boot.jetty.JettyServerCustomizer;

/**
 * The server-wide Jetty settings of the public port: the JSON error responses of {@link
 * JsonErrorHandler}, and a listen backlog for the burst of reconnects a node takes when another
 * node goes away (thousands of clients at once; the JVM's default backlog is 50).
 */
public final class JettyServerSettings implements JettyServerCustomizer {

  static final int ACCEPT_QUEUE_SIZE = 1024;

  @Override
  public void customize(Server server) {
    server.setErrorHandler(new JsonErrorHandler());
    for (var connector : server.getConnectors()) {
      if (connector instanceof ServerConnector serverConnector) {
        serverConnector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
      }
    }
  }
}
