package io.viewercounts.bench.failover;

import java.util.List;
import java.util.OptionalDouble;

/**
 * How long after a moment every client had a change made after it: the latest, over all clients
 * and streams, first arrival of a count from the first Livepeer answer served at or after it.
 */
final class Recovery {

  private Recovery() {}

  /**
   * @param answer the first answer served at or after {@code fromNanos} (0: none yet)
   * @return milliseconds from {@code fromNanos}, or empty while some client lacks it
   */
  static OptionalDouble millis(
      List<ClientLog> clients, List<String> streams, long answer, long fromNanos) {
    if (answer == 0) {
      return OptionalDouble.empty();
    }
    long latest = fromNanos;
    for (ClientLog client : clients) {
      for (String stream : streams) {
        long arrived = client.firstReceiptFrom(stream, answer);
        if (arrived < 0) {
          return OptionalDouble.empty();
        }
        latest = Math.max(latest, arrived);
      }
    }
    return OptionalDouble.of((latest - fromNanos) / 1e6);
  }
}
