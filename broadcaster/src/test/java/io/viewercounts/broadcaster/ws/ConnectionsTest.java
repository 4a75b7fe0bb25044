package io.viewercounts.broadcaster.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.viewercounts.broadcaster.fanout.FakeTransport;
import io.viewercounts.broadcaster.fanout.Hub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConnectionsTest {

  private static final Duration PING_INTERVAL = Duration.ofSeconds(25);

  private final AtomicLong now = new AtomicLong();
  private final Hub hub = new Hub(new SimpleMeterRegistry());
  private final Connections connections =
      new Connections(hub, new Connections.Limits(2, 10, 20, 40), now::get);
  private final Heartbeat heartbeat = new Heartbeat(connections, PING_INTERVAL);

  @Test
  void refusesConnectionsOverTheLimitOfOneAddress() {
    Connection first = connections.open("10.0.0.1", FakeTransport.immediate());
    connections.open("10.0.0.1", FakeTransport.immediate());

    assertThat(connections.open("10.0.0.1", FakeTransport.immediate())).isNull();
    assertThat(connections.open("10.0.0.2", FakeTransport.immediate())).isNotNull();

    connections.closed(first);
    assertThat(connections.open("10.0.0.1", FakeTransport.immediate())).isNotNull();
    assertThat(connections.count()).isEqualTo(3);
  }

  @Test
  void aClosedConnectionLeavesTheHub() {
    Connection connection = connections.open("10.0.0.1", FakeTransport.immediate());
    connection.subscriber().subscribe(List.of("a", "b"));

    connections.closed(connection);

    assertThat(hub.subscriptions()).isZero();
    assertThat(connections.count()).isZero();
  }

  @Test
  void theHeartbeatPingsConnectionsItHeardFrom() {
    FakeTransport client = FakeTransport.immediate();
    Connection connection = connections.open("10.0.0.1", client);

    now.addAndGet(PING_INTERVAL.toNanos());
    oneRound();
    now.addAndGet(PING_INTERVAL.toNanos());
    connection.heard(); // the pong
    now.addAndGet(PING_INTERVAL.toNanos());
    oneRound();

    assertThat(client.pings()).isEqualTo(2);
    assertThat(client.closeCode()).isNull();
  }

  @Test
  void theHeartbeatClosesAConnectionSilentForTwoIntervals() {
    FakeTransport client = FakeTransport.immediate();
    connections.open("10.0.0.1", client);

    now.addAndGet(PING_INTERVAL.multipliedBy(2).toNanos() + 1);
    oneRound();

    assertThat(client.closeCode()).isEqualTo(1001);
  }

  @Test
  void theHeartbeatSpreadsARoundOverTheIntervalPingingEachConnectionOnce() {
    List<FakeTransport> clients = new ArrayList<>();
    Connections many = new Connections(hub, new Connections.Limits(1, 10, 20, 40), now::get);
    Heartbeat spread = new Heartbeat(many, PING_INTERVAL);
    for (int i = 0; i < 1_000; i++) {
      FakeTransport client = FakeTransport.immediate();
      many.open("10.0.0." + i, client);
      clients.add(client);
    }

    spread.tick();
    long pingedByOneTick = clients.stream().filter(client -> client.pings() > 0).count();
    for (int i = 1; i < Heartbeat.SLICES; i++) {
      spread.tick();
    }

    assertThat(pingedByOneTick).isBetween(1L, 100L); // about 1,000 / 25
    assertThat(clients).allSatisfy(client -> assertThat(client.pings()).isEqualTo(1));
  }

  private void oneRound() {
    for (int i = 0; i < Heartbeat.SLICES; i++) {
      heartbeat.tick();
    }
  }
}
