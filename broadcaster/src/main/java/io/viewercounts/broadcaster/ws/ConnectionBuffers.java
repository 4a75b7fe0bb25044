package io.viewercounts.broadcaster.ws;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;

/**
 * Sizes the I/O buffers Tomcat keeps for the whole life of every connection: its socket read and
 * write buffers (8 KiB each by default) and the WebSocket frame input, output and encoder buffers
 * (8 KiB each). A node holds tens of thousands of mostly idle connections whose frames are a few
 * hundred bytes, so these buffers are most of what a connection costs; larger frames still pass,
 * in several reads or writes.
 *
 * <p>Tomcat reads the WebSocket buffer size once per JVM from a system property, when its
 * WebSocket container is created as the server starts. This customizer runs before that and sets
 * the property unless the command line did.
 */
final class ConnectionBuffers implements TomcatConnectorCustomizer {

  static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

  private final int bytes;

  ConnectionBuffers(int bytes) {
    this.bytes = bytes;
  }

  @Override
  public void customize(Connector connector) {
    connector.setProperty("socket.appReadBufSize", String.valueOf(bytes));
    connector.setProperty("socket.appWriteBufSize", String.valueOf(bytes));
    if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
      System.setProperty(WEBSOCKET_BUFFER_PROPERTY, String.valueOf(bytes));
    }
  }
}
