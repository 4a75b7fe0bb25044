package io.viewercounts.broadcaster.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "100.127.0.1",
        "127.0.0.1", "169.254.1.1", "::1", "fe80::1", "fc00::1", "fd12:3456::1"
      })
  void aPeerInsideTheNetworkMayForwardTheClientsAddress(String peer) throws Exception {
    assertThat(ClientAddress.isInternal(InetAddress.getByName(peer))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2001:db8::1", "fe00::1"})
  void aPeerOnTheInternetMayNot(String peer) throws Exception {
    assertThat(ClientAddress.isInternal(InetAddress.getByName(peer))).isFalse();
  }
}
