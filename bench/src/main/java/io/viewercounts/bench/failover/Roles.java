package io.viewercounts.bench.failover;

import io.viewercounts.bench.deployment.ServiceProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which of two instances plays which part, as their health says: a poller's {@code poller}
 * component has the detail {@code active} (it holds the leader lock); a cdc's {@code capture}
 * component has the detail {@code role}, {@code active} or {@code standby} (it holds the slot).
 */
final class Roles {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);

  private Roles() {}

  /** The live poller that polls, waiting until exactly one does. */
  static ServiceProcess activePoller(List<ServiceProcess> pollers) throws InterruptedException {
    return theOne(pollers, "poller", "active", "true", true);
  }

  static ServiceProcess standbyPoller(List<ServiceProcess> pollers) throws InterruptedException {
    return theOne(pollers, "poller", "active", "true", false);
  }

  /** The live cdc that captures, waiting until exactly one does. */
  static ServiceProcess activeCapture(List<ServiceProcess> cdcs) throws InterruptedException {
    return theOne(cdcs, "capture", "role", "active", true);
  }

  static ServiceProcess standbyCdc(List<ServiceProcess> cdcs) throws InterruptedException {
    return theOne(cdcs, "capture", "role", "active", false);
  }

  /** A detail of a component in an {@code /actuator/health} body, or "" when it has none. */
  static String detail(String health, String component, String detail) {
    try {
      JsonNode value = JSON.readTree(health).path("components").path(component).path("details")
          .path(detail);
      return value.isMissingNode() ? "" : value.asString();
    } catch (JacksonException notJson) {
      return "";
    }
  }

  /**
   * Of a pair, the one whose detail has {@code value} ({@code holding}) or the other one, once
   * exactly one of the two has it.
   */
  private static ServiceProcess theOne(List<ServiceProcess> pair, String component,
      String detail, String value, boolean holding) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      List<ServiceProcess> holders = pair.stream()
          .filter(process -> value.equals(detail(health(process), component, detail)))
          .toList();
      if (holders.size() == 1) {
        ServiceProcess holder = holders.get(0);
        return holding ? holder : pair.stream().filter(p -> p != holder).findFirst().orElseThrow();
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("not exactly one of " + pair.stream()
        .map(ServiceProcess::name).toList() + " has " + component + " " + detail + "=" + value
        + " within " + SETTLE_TIMEOUT.toSeconds() + " s");
  }

  private static String health(ServiceProcess process) {
    if (!process.alive()) {
      return "";
    }
    try {
      return process.management().health();
    } catch (IOException | InterruptedException unreachable) {
      if (unreachable instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return "";
    }
  }
}
