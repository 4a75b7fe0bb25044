package io.viewercounts.bench.failover;

import io.viewercounts.bench.report.Figure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the failover scenario does to the deployment, in the order it does it, each with the
 * target issue #12 sets for it. A signal's time is measured from the signal; a broker's restart
 * from when it serves again, PostgreSQL's from when it accepts connections again.
 */
enum FailoverEvent {
  SIGTERM_STANDBY_POLLER,
  SIGKILL_STANDBY_POLLER,
  SIGTERM_ACTIVE_POLLER,
  SIGKILL_ACTIVE_POLLER,
  SIGTERM_STANDBY_CDC,
  SIGKILL_STANDBY_CDC,
  SIGTERM_ACTIVE_CAPTURE,
  SIGKILL_ACTIVE_CAPTURE,
  SIGTERM_BROADCASTER,
  SIGKILL_BROADCASTER,
  /** Of three brokers, the one leading the most partitions; it stays down until the next. */
  SIGKILL_BROKER,
  /** With three brokers, the one killed before; with one, the broker is killed and restarted. */
  RESTART_BROKER,
  RESTART_POSTGRES;

  /** As given to {@code --failover-events}, e.g. {@code sigkill-active-capture}. */
  String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  boolean sigterm() {
    return name().startsWith("SIGTERM_");
  }

  boolean ofPoller() {
    return name().endsWith("_POLLER");
  }

  /** From what moment its time is measured. */
  String measuredFrom() {
    return switch (this) {
      case RESTART_BROKER -> "the broker serving again";
      case RESTART_POSTGRES -> "PostgreSQL accepting connections again";
      default -> "the signal";
    };
  }

  /** The bound on its time, in ms, or null where the issue sets none. */
  Figure.Target target(Duration pollInterval, int brokers) {
    return switch (this) {
      case SIGKILL_BROKER -> Figure.Target.under(10_000);
      case RESTART_BROKER -> brokers == 1 ? Figure.Target.under(15_000) : null;
      case RESTART_POSTGRES -> Figure.Target.under(10_000);
      default -> {
        if (!sigterm()) {
          yield Figure.Target.under(8_000);
        }
        // A deploy: within 2 s; a poller's, within one poll interval plus 1 s.
        yield Figure.Target.under(ofPoller() ? pollInterval.toMillis() + 1_000 : 2_000);
      }
    };
  }

  /** Every event that applies to a cluster of {@code brokers}, in order. */
  static List<FailoverEvent> all(int brokers) {
    List<FailoverEvent> all = new ArrayList<>(Arrays.asList(values()));
    if (brokers == 1) {
      all.remove(SIGKILL_BROKER);
    }
    return all;
  }

  /** A comma-separated list of ids, checked against what {@code brokers} allows. */
  static List<FailoverEvent> parse(String ids, int brokers) {
    List<FailoverEvent> events = new ArrayList<>();
    for (String id : ids.split(",")) {
      FailoverEvent event = Arrays.stream(values())
          .filter(candidate -> candidate.id().equals(id.trim()))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("--failover-events takes "
              + String.join(", ", all(3).stream().map(FailoverEvent::id).toList())
              + ", not '" + id + "'"));
      events.add(event);
    }
    if (brokers == 1 && events.contains(SIGKILL_BROKER)) {
      throw new IllegalArgumentException(
          "sigkill-broker needs --failover-brokers 3 (with one broker, restart-broker kills it)");
    }
    int killed = events.indexOf(SIGKILL_BROKER);
    int restarted = events.indexOf(RESTART_BROKER);
    if (brokers == 3 && restarted >= 0 && (killed < 0 || killed > restarted)) {
      throw new IllegalArgumentException(
          "with three brokers, restart-broker restarts the one sigkill-broker killed before it");
    }
    return events;
  }
}
