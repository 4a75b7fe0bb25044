package io.viewercounts.broadcaster.ws;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;

/**
 * The address a connection counts under for the per-address limit, taken at the handshake.
 * Behind a load balancer, with {@code server.forward-headers-strategy=native}, that is the client's
 * address from {@code X-Forwarded-For}, but only when the socket's peer is a private, loopback or
 * link-local address (a load balancer inside the network, as Tomcat's default internal proxies
 * had it): Jetty believes the header from anyone, and a client that reaches the node directly must
 * not pick the address it is counted under.
 */
final class ClientAddress {

  /** The request attribute the handshake passes the address on in. */
  static final String ATTRIBUTE = ClientAddress.class.getName();

  private ClientAddress() {}

  static String of(HttpServletRequest http) {
    InetAddress peer = socketPeer(http);
    return peer == null || isInternal(peer) ? http.getRemoteAddr() : peer.getHostAddress();
  }

  /** The other end of the TCP connection, whatever the forwarding headers say. */
  private static InetAddress socketPeer(HttpServletRequest http) {
    ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(http);
    if (jetty == null) {
      return null;
    }
    SocketAddress peer =
        jetty.getConnectionMetaData().getConnection().getEndPoint().getRemoteSocketAddress();
    return peer instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }

  /** 10/8, 172.16/12, 192.168/16, 100.64/10, 127/8, 169.254/16, ::1, fe80::/10, fc00::/7. */
  static boolean isInternal(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isSiteLocalAddress()
        || address.isLinkLocalAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    return bytes.length == 4
        ? (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64 // carrier-grade NAT, 100.64/10
        : (bytes[0] & 0xfe) == 0xfc; // unique local, fc00::/7
  }
}
