package io.viewercounts.cdc.capture;

import io.debezium.engine.DebeziumEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Follows the engine through its callbacks, for health and logs. Thread-safe. */
public final class CaptureStatus
    implements DebeziumEngine.ConnectorCallback, DebeziumEngine.CompletionCallback {

  private static final Logger log = LoggerFactory.getLogger(CaptureStatus.class);

  /** Where the capture is in its life. */
  public enum Phase {
    NOT_STARTED,
    STARTING,
    RUNNING,
    STOPPED,
    FAILED
  }

  /**
   * One consistent reading of the status.
   *
   * @param phase where the capture is
   * @param detail what went wrong when FAILED, or how the engine ended when STOPPED; else null
   */
  public record Snapshot(Phase phase, String detail) {

    /** The engine runs and its connector task has started. */
    public boolean isUp() {
      return phase == Phase.RUNNING;
    }
  }

  private volatile Snapshot current = new Snapshot(Phase.NOT_STARTED, null);

  public Snapshot snapshot() {
    return current;
  }

  void starting() {
    current = new Snapshot(Phase.STARTING, null);
  }

  @Override
  public void taskStarted() {
    // The task has connected, found or created the slot and publication: changes now flow.
    current = new Snapshot(Phase.RUNNING, null);
    log.info("Capture running: changes of {} flow to Kafka", CaptureConfig.CAPTURED_TABLE);
  }

  @Override
  public void handle(boolean success, String message, Throwable error) {
    if (success) {
      current = new Snapshot(Phase.STOPPED, message);
      log.info("Capture stopped: {}", message);
    } else {
      String detail = error == null ? message : message + ": " + error;
      current = new Snapshot(Phase.FAILED, detail);
      log.error("Capture failed, no more changes flow until it is restarted: {}", message, error);
    }
  }
}
