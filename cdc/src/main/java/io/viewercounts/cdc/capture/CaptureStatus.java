package io.viewercounts.cdc.capture;

import io.debezium.engine.DebeziumEngine;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the capture is, for health and logs: set by ChangeCapture and by the engine's callbacks.
 * Thread-safe.
 */
public final class CaptureStatus implements DebeziumEngine.CompletionCallback {

  private static final Logger log = LoggerFactory.getLogger(CaptureStatus.class);

  /** Where the capture is in its life. */
  public enum Phase {
    NOT_STARTED,
    /** Another instance captures the slot; this one takes over when it is gone. */
    STANDBY,
    /** This instance holds the capture lock and its engine is starting. */
    STARTING,
    /** The engine's task runs: changes flow (or the initial snapshot is being read). */
    RUNNING,
    /** The engine stopped or could not start (PostgreSQL or Kafka away); it starts again soon. */
    RETRYING,
    /** Closed. */
    STOPPED
  }

  /**
   * One consistent reading of the status.
   *
   * @param phase where the capture is
   * @param detail why it is in STANDBY or RETRYING, or how the engine last ended; else null
   */
  public record Snapshot(Phase phase, String detail) {

    /** Doing its job: capturing, or standing by for the instance that captures. */
    public boolean isUp() {
      return phase == Phase.RUNNING || phase == Phase.STANDBY;
    }

    /** {@code active} while capturing, {@code standby} while another instance does, else null. */
    public String role() {
      return switch (phase) {
        case RUNNING -> "active";
        case STANDBY -> "standby";
        default -> null;
      };
    }
  }

  private volatile Snapshot current = new Snapshot(Phase.NOT_STARTED, null);
  private final AtomicLong tasksStarted = new AtomicLong();

  public Snapshot snapshot() {
    return current;
  }

  /** How many times an engine's task has started: grows with every engine that got running. */
  long tasksStarted() {
    return tasksStarted.get();
  }

  void standby(String reason) {
    current = new Snapshot(Phase.STANDBY, reason);
  }

  void starting() {
    current = new Snapshot(Phase.STARTING, null);
  }

  void retrying(String reason) {
    current = new Snapshot(Phase.RETRYING, reason);
  }

  void stopped() {
    current = new Snapshot(Phase.STOPPED, null);
  }

  /** The engine's task has started ({@link PreparedEngine} passes Debezium's callback on). */
  void taskStarted() {
    // The task has connected, found or created the slot and publication: changes now flow.
    current = new Snapshot(Phase.RUNNING, null);
    tasksStarted.incrementAndGet();
    log.info("Capture running: changes of {} flow to Kafka", CaptureConfig.CAPTURED_TABLE);
  }

  /** How the engine ended; ChangeCapture logs it and starts a new one unless it is closing. */
  @Override
  public void handle(boolean success, String message, Throwable error) {
    if (success) {
      current = new Snapshot(Phase.RETRYING, "engine stopped: " + message);
    } else {
      current = new Snapshot(Phase.RETRYING, describe(message, error));
    }
  }

  /** What went wrong, once, with the innermost cause, which is the one that says why. */
  private static String describe(String message, Throwable error) {
    if (error == null) {
      return message;
    }
    String text = error.getMessage() != null ? error.getMessage() : error.toString();
    if (message != null && !message.isBlank() && !message.contains(text)) {
      text = message + ": " + text;
    }
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == error ? text : text + " (cause: " + root + ")";
  }
}
