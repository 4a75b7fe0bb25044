package io.viewercounts.cdc.capture;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.viewercounts.cdc.CdcProperties.CaptureProperties;
import io.viewercounts.cdc.CdcProperties.TopicsProperties;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture of {@code public.streams} into the CDC topic: start-up checks, then a loop on its own
 * thread that runs one Debezium engine at a time, for as long as the capture is open.
 *
 * <p>Each turn of the loop takes the capture lock of the slot ({@link CaptureLeadership}); without
 * it the instance is a standby that asks for the lock twenty times a second, with the engine it
 * will run built ahead ({@link PreparedEngine}), and gets it as soon as the active instance lets go
 * (its engine's task stopped) or its session ends. With it, once the slot is free, it runs that
 * engine until the engine ends, the lock is lost or the capture closes. An engine that ends by
 * itself has failed (PostgreSQL or Kafka away, a change Kafka refused): the loop waits a retry
 * interval and starts a new one, which resumes from the offsets in Kafka. So outages heal without
 * a restart, and a standby starts its engine as soon as the active instance stops or dies.
 */
public final class ChangeCapture implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChangeCapture.class);
  private static final Duration CLOSE_RETRY_PAUSE = Duration.ofMillis(50);

  /**
   * How often a standby asks for the capture lock: the most a takeover waits for it, within a
   * deploy's 2 s handover. One cheap query 20 times a second is nothing to PostgreSQL.
   */
  private static final Duration LOCK_CHECK = Duration.ofMillis(50);

  /** How often the new holder of the lock looks whether the slot's last streamer has gone. */
  private static final Duration SLOT_RELEASE_CHECK = Duration.ofMillis(50);

  private final CaptureStartupCheck postgresCheck;
  private final KafkaStartupCheck kafkaCheck;
  private final CaptureLeadership leadership;
  private final Properties engineProperties;
  private final Map<String, Object> producerProperties;
  private final String cdcTopic;
  private final CaptureProperties settings;
  private final CaptureStatus status = new CaptureStatus();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final ExecutorService engineThread =
      Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "cdc-capture-engine"));

  /** Guards started, engine and the decision to start an engine against a concurrent close. */
  private final Object lock = new Object();

  private boolean started;
  private DebeziumEngine<ChangeEvent<String, String>> engine;
  private Thread supervisor;
  private String lastProblem;

  /** The engine a standby built for its takeover; only the supervisor thread uses it. */
  private PreparedEngine prepared;

  /** When a standby that could not build its engine ahead tries again; the supervisor's too. */
  private long nextPrepareAttempt = System.nanoTime();

  /**
   * @param dataSource for the start-up checks
   * @param database where the captured database is, for the engine and the capture lock
   * @param kafka how every Kafka client of the capture connects
   */
  public ChangeCapture(
      DataSource dataSource,
      DatabaseConnection database,
      KafkaConnection kafka,
      CaptureProperties settings,
      TopicsProperties topics) {
    this.postgresCheck =
        new CaptureStartupCheck(dataSource, settings.slotName(), settings.publicationName());
    this.kafkaCheck =
        new KafkaStartupCheck(
            CaptureConfig.startupCheck(kafka.admin()), settings.kafkaStartupTimeout());
    this.leadership = new CaptureLeadership(database, settings.slotName());
    this.engineProperties = CaptureConfig.engine(database, settings, topics, kafka.admin());
    this.producerProperties = CaptureConfig.producer(kafka.producer(), settings.sendTimeout());
    this.cdcTopic = topics.cdcTopic();
    this.settings = settings;
  }

  /**
   * Checks PostgreSQL and Kafka, then starts the capture loop and returns; health follows {@link
   * #status()}.
   *
   * @throws IllegalStateException when PostgreSQL or Kafka is not ready for capture, saying what to
   *     do
   */
  public void start() {
    synchronized (lock) {
      if (started || isClosing()) {
        throw new IllegalStateException("the capture starts only once; restart with a new one");
      }
      started = true;
    }
    postgresCheck.verify();
    kafkaCheck.verify();
    supervisor = daemon(this::supervise, "cdc-capture");
    supervisor.start();
    log.info(
        "Capture starting: slot {}, publication {}, CDC topic {}",
        settings.slotName(),
        settings.publicationName(),
        cdcTopic);
  }

  public CaptureStatus.Snapshot status() {
    return status.snapshot();
  }

  private void supervise() {
    while (!isClosing()) {
      try {
        Optional<CaptureLeadership.Lease> lease = leadership.tryAcquire();
        if (lease.isEmpty()) {
          standBy("another instance captures slot " + settings.slotName());
          prepareTakeover();
          pause(LOCK_CHECK);
          continue;
        }
        try (CaptureLeadership.Lease held = lease.get()) {
          if (awaitFreeSlot(held)) {
            runEngine(held);
          }
        }
      } catch (SQLException e) {
        problem("PostgreSQL is unreachable: " + e.getMessage());
      } catch (RuntimeException e) {
        problem("the engine could not be created: " + e);
      }
      pause(settings.retryInterval());
    }
    discardPrepared();
    leadership.close();
    status.stopped();
  }

  /**
   * Waits, holding the lock, until no PostgreSQL backend streams from the slot: a capture that died
   * a moment ago holds it until PostgreSQL notices that its connection is gone.
   *
   * @return false when the capture closes first
   */
  private boolean awaitFreeSlot(CaptureLeadership.Lease lease) throws SQLException {
    for (OptionalInt holder = lease.slotHolder();
        holder.isPresent();
        holder = lease.slotHolder()) {
      standBy(
          "slot " + settings.slotName() + " still streams to PostgreSQL backend "
              + holder.getAsInt());
      pause(SLOT_RELEASE_CHECK);
      if (isClosing()) {
        return false;
      }
    }
    return true;
  }

  /** Runs one engine until it ends, the lock is lost or the capture closes. */
  private void runEngine(CaptureLeadership.Lease lease) {
    if (status.snapshot().phase() == CaptureStatus.Phase.STANDBY) {
      log.info("Taking over: slot {} is free", settings.slotName());
    }
    try (PreparedEngine taken = takePrepared()) {
      DebeziumEngine<ChangeEvent<String, String>> created;
      Future<?> run;
      synchronized (lock) {
        if (isClosing()) {
          return; // the engine never ran: closing what was taken closes it
        }
        status.starting();
        created = taken.engineUnder(lease);
        engine = created;
        run = engineThread.submit(created);
      }
      long tasksStartedBefore = status.tasksStarted();
      awaitEnd(run, lease, created);
      if (status.tasksStarted() != tasksStartedBefore) {
        lastProblem = null; // it ran: the next failure is news, even if it repeats the last one
      }
      if (!isClosing()) {
        problem(Objects.toString(status.snapshot().detail(), "the engine ended"));
      }
    } finally {
      synchronized (lock) {
        engine = null;
      }
    }
  }

  /** The engine built while standing by, or a new one. */
  private PreparedEngine takePrepared() {
    PreparedEngine taken = prepared != null ? prepared : prepare();
    prepared = null;
    return taken;
  }

  private PreparedEngine prepare() {
    return new PreparedEngine(
        engineProperties, producerProperties, cdcTopic, settings.sendTimeout(), status);
  }

  /**
   * Builds the next engine ahead, so that taking over starts it at once. When it cannot (Kafka's
   * address does not resolve, say), the instance stands by all the same and tries again a retry
   * interval later; a takeover meanwhile builds its engine then, and reports any failure.
   */
  private void prepareTakeover() {
    if (prepared != null || System.nanoTime() - nextPrepareAttempt < 0) {
      return;
    }
    try {
      prepared = prepare();
    } catch (RuntimeException e) {
      nextPrepareAttempt = System.nanoTime() + settings.retryInterval().toNanos();
      log.debug("Could not build the engine ahead of a takeover", e);
    }
  }

  private void discardPrepared() {
    if (prepared != null) {
      prepared.close();
      prepared = null;
    }
  }

  private void awaitEnd(Future<?> run, CaptureLeadership.Lease lease, DebeziumEngine<?> running) {
    while (true) {
      try {
        run.get(settings.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        // An engine that failed on its own is ending anyway (its phase is no longer RUNNING).
        boolean streaming = status.snapshot().phase() == CaptureStatus.Phase.RUNNING;
        if (streaming && !isClosing() && lease.isLost()) {
          log.warn(
              "Lost the capture lock of slot {} (connection to PostgreSQL broken): stopping the"
                  + " engine, so that only one instance captures",
              settings.slotName());
          stopEngine(running, System.nanoTime() + settings.shutdownTimeout().toNanos());
        }
      } catch (ExecutionException e) {
        return; // the engine reports its own end through the completion callback
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void standBy(String reason) {
    CaptureStatus.Snapshot now = status.snapshot();
    if (now.phase() != CaptureStatus.Phase.STANDBY || !reason.equals(now.detail())) {
      log.info("Standby: {}; taking over as soon as it lets go", reason);
    }
    status.standby(reason);
    lastProblem = null;
    StandbyWarmUp.startOnce();
  }

  /** Logs a failure once, not again while the same one repeats, and retries. */
  private void problem(String reason) {
    if (!reason.equals(lastProblem)) {
      log.warn(
          "Capture stopped: {}; starting again every {} ms until it runs",
          reason,
          settings.retryInterval().toMillis());
    }
    lastProblem = reason;
    status.retrying(reason);
  }

  /** Stops the capture (the engine commits its offsets) and waits at most the shutdown timeout. */
  @Override
  public void close() {
    DebeziumEngine<ChangeEvent<String, String>> running;
    synchronized (lock) {
      if (isClosing()) {
        return;
      }
      closing.countDown();
      running = engine;
    }
    long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
    if (running != null) {
      stopEngine(running, deadline);
    }
    awaitSupervisor(deadline);
    engineThread.shutdown();
    if (supervisor == null) {
      status.stopped();
    }
  }

  /** Asks the engine to stop; Debezium refuses while its task starts, so ask until the deadline. */
  private static void stopEngine(DebeziumEngine<?> running, long deadline) {
    while (true) {
      try {
        running.close();
        return;
      } catch (IllegalStateException e) {
        // "tasks are starting" (would leak connections): ask again; "already stopping/stopped":
        // done
        if (!e.getMessage().contains("starting") || remaining(deadline) <= 0 || !sleep()) {
          return;
        }
      } catch (IOException e) {
        log.warn("Capture engine did not stop cleanly: {}", e.toString());
        return;
      }
    }
  }

  private void awaitSupervisor(long deadline) {
    if (supervisor == null) {
      return;
    }
    try {
      supervisor.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (supervisor.isAlive()) {
      log.warn(
          "Capture did not stop within {}, leaving its daemon thread", settings.shutdownTimeout());
    }
  }

  private boolean isClosing() {
    return closing.getCount() == 0;
  }

  /** Waits the interval, or less when the capture closes. */
  private void pause(Duration interval) {
    try {
      closing.await(interval.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      // Only a JVM shutting down interrupts the capture's own thread: stop looping.
      Thread.currentThread().interrupt();
      closing.countDown();
    }
  }

  /** Waits a little; false when interrupted. */
  private static boolean sleep() {
    try {
      Thread.sleep(CLOSE_RETRY_PAUSE.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    // A hung engine must never keep the JVM alive after shutdown.
    thread.setDaemon(true);
    return thread;
  }
}
