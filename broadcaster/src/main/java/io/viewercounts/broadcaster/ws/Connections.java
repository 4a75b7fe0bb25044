package io.viewercounts.broadcaster.ws;

import io.viewercounts.broadcaster.fanout.Hub;
import io.viewercounts.broadcaster.fanout.Subscriber;
import io.viewercounts.broadcaster.fanout.Transport;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/** Admits connections (at most so many per remote address) and keeps the open ones. */
final class Connections {

  /** The per-connection limits, from the broadcaster's properties. */
  record Limits(
      int maxPerAddress,
      int maxSubscriptions,
      double subscribesPerSecond,
      int subscribeBurst) {}

  private final Hub hub;
  private final Limits limits;
  private final LongSupplier nanoClock;
  private final ConcurrentMap<String, Integer> perAddress = new ConcurrentHashMap<>();
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();

  Connections(Hub hub, Limits limits, LongSupplier nanoClock) {
    this.hub = hub;
    this.limits = limits;
    this.nanoClock = nanoClock;
  }

  /** A new connection from {@code address}, or null if that address already has the maximum. */
  Connection open(String address, Transport transport) {
    if (perAddress.merge(address, 1, Integer::sum) > limits.maxPerAddress()) {
      release(address);
      return null;
    }
    Connection connection =
        new Connection(
            address,
            new Subscriber(transport, hub, limits.maxSubscriptions()),
            new TokenBucket(limits.subscribesPerSecond(), limits.subscribeBurst(), nanoClock),
            nanoClock);
    open.add(connection);
    return connection;
  }

  /** The connection is gone: it leaves the hub and frees its place. */
  void closed(Connection connection) {
    connection.subscriber().disconnected();
    if (open.remove(connection)) {
      release(connection.address());
    }
  }

  int count() {
    return open.size();
  }

  Collection<Connection> all() {
    return Collections.unmodifiableSet(open);
  }

  private void release(String address) {
    perAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
  }
}
