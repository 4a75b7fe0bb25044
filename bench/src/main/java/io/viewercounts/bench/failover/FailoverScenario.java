package io.viewercounts.bench.failover;

import io.viewercounts.bench.Options;
import io.viewercounts.bench.deployment.PostgresServer;
import io.viewercounts.bench.deployment.ServiceProcess;
import io.viewercounts.bench.report.Figure;
import io.viewercounts.bench.report.ScenarioResult;
import io.viewercounts.bench.scenario.BenchContext;
import io.viewercounts.bench.scenario.Scenario;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The production shape under failure (issue #12): its own deployment of separate processes
 * ({@link FailoverDeployment}), reconnecting clients through one balancer, and one event at a
 * time ({@link FailoverEvent}). For each, the time from the event until every client has a change
 * the fake Livepeer first served at or after it; before each, the same with no event until the
 * pipeline has settled (the baseline: one poll interval at most, plus the pipeline). At the end, with counts frozen, every
 * client must hold every final count, no version may have gone backwards at any client or be
 * written twice to {@code viewer-counts}, and no replication slot may stay inactive.
 */
public final class FailoverScenario implements Scenario {

  private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration FINAL_TIMEOUT = Duration.ofSeconds(60);
  /**
   * How long an event waits at most for a settled pipeline: JVMs just started or restarted compile
   * their code for a while, and on a small machine they slow every other process down.
   */
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(120);
  /**
   * How long the deployment runs, counts flowing, before the first event: a deploy or a crash
   * strikes a deployment that has been running. Measured on two cores, right after start nine JVMs
   * compiling and three brokers slowed whatever struck first (a broadcaster's SIGTERM 2.61 s, the
   * poller's next poll late) though every change already reached the clients within 3 s.
   */
  private static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(60);

  /** Settled: this many changes in a row reached every client within a poll interval plus 2 s. */
  private static final int SETTLED_IN_A_ROW = 3;

  @Override
  public String id() {
    return "failover";
  }

  @Override
  public boolean measuresTarget() {
    return false;
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    Options options = context.options();
    int brokers = options.number("failover-brokers", 3, 1);
    if (brokers != 1 && brokers != 3) {
      throw new IllegalArgumentException("--failover-brokers is 1 or 3, not " + brokers);
    }
    List<FailoverEvent> events = options.has("failover-events")
        ? FailoverEvent.parse(options.text("failover-events", ""), brokers)
        : FailoverEvent.all(brokers);
    Optional<Duration> brokerSession = options.has("failover-broker-session")
        ? Optional.of(options.duration("failover-broker-session", Duration.ZERO))
        : Optional.empty();
    if (brokerSession.filter(session -> session.toSeconds() < 1).isPresent()) {
      throw new IllegalArgumentException("--failover-broker-session is at least 1s");
    }
    int clients = options.number("failover-clients", 20, 1);
    int streams = options.number("failover-streams", 30, 1);
    Duration interval = options.duration("poll-interval", Duration.ofSeconds(1));
    Duration warmUp = options.duration("failover-warm-up", DEFAULT_WARM_UP);
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("brokers", brokers + (brokers == 3 ? " (replication 3, min ISR 2)" : ""));
    parameters.put("Kafka", AppInfoParser.getVersion());
    parameters.put("broker session", brokerSession
        .map(session -> session.toMillis() + " ms").orElse("Kafka's default (9 s)"));
    parameters.put("apps", "2 pollers, 2 cdc, 2 broadcasters, each a process");
    parameters.put("clients", clients + ", each on all " + streams + " streams");
    parameters.put("poll interval", interval.toMillis() + " ms");
    parameters.put("warm-up before the first event", warmUp.toSeconds() + " s");
    parameters.put("events", String.join(",", events.stream().map(FailoverEvent::id).toList()));
    List<Figure> figures = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<String> notes = new ArrayList<>();

    long startNanos = System.nanoTime();
    try (FailoverDeployment deployment = FailoverDeployment.start(
            brokers, brokerSession, streams, interval, context.jars(), context.workDir());
        Viewers viewers = Viewers.open(clients, deployment.balancerPort(),
            deployment.livepeer().streamIds())) {
      say("deployment up in %.0f s: PostgreSQL, %d broker(s), 2 pollers, 2 cdc, 2 broadcasters",
          (System.nanoTime() - startNanos) / 1e9, brokers);
      Disruptor disruptor = new Disruptor(deployment);
      // The first change after start waits for a fresh topology and capture to warm up: reported
      // apart, not as a baseline of the pipeline's normal delay.
      figures.add(Figure.of("first_flow_ms", "after start, until every client had a change",
          steady(deployment, disruptor, viewers), "ms"));
      Thread.sleep(warmUp.toMillis());
      List<Double> baseline = new ArrayList<>();
      double longestSettle = 0;
      for (FailoverEvent event : events) {
        long settleFrom = System.nanoTime();
        baseline.add(settle(deployment, disruptor, viewers, interval));
        longestSettle = Math.max(longestSettle, (System.nanoTime() - settleFrom) / 1e9);
        Disruptor.Strike strike = disruptor.strike(event);
        OptionalDouble recovered = awaitRecovery(deployment, viewers, strike.fromNanos());
        Figure.Target target = event.target(interval, brokers);
        double millis = recovered.orElse(RECOVERY_TIMEOUT.toMillis());
        figures.add(new Figure(event.id().replace('-', '_') + "_ms",
            event.id() + " (" + strike.target() + "), from " + event.measuredFrom(), millis, "ms",
            target));
        if (recovered.isEmpty()) {
          failures.add(event.id() + ": not every client had a change made after it within "
              + RECOVERY_TIMEOUT.toSeconds() + " s");
        }
        say("%s %s (%s): %s%s; Livepeer served the first change after it at +%.2f s",
            wallClock(strike.fromNanos()), event.id(), strike.target(),
            recovered.isPresent() ? String.format("%.2f s", millis / 1000) : "NOT RECOVERED",
            target == null ? "" : " (target " + target.describe() + " ms: "
                + (recovered.isPresent() && millis <= target.bound() ? "met" : "MISSED") + ")",
            firstServedAfter(deployment.livepeer(), strike.fromNanos()));
        strike.healing().heal();
      }
      disruptor.healAll();
      baseline.add(steady(deployment, disruptor, viewers));
      figures.add(Figure.of("baseline_max_ms", "no event (baseline), max of "
          + baseline.size(), baseline.stream().mapToDouble(d -> d).max().orElse(0), "ms"));
      figures.add(Figure.of("client_reconnections", "client reconnections",
          viewers.reconnections(), ""));
      notes.add(String.format("the first event struck after %d s of the deployment running"
          + " (--failover-warm-up); each event struck once the pipeline had settled (%d changes"
          + " in a row reaching every client within a poll interval plus 2 s), which took at most"
          + " %.0f s (limit %d s); the baseline is the last of those changes before each event",
          warmUp.toSeconds(), SETTLED_IN_A_ROW, longestSettle, SETTLE_LIMIT.toSeconds()));
      failures.addAll(finalChecks(deployment, viewers));
    }
    notes.add("each time is the latest, over every client and stream, first arrival of a count"
        + " the fake Livepeer first served at or after the moment named; it includes waiting for"
        + " the next poll (up to one interval), as the baseline does");
    notes.add("a killed or stopped app is started again (as a restart policy would) once every"
        + " client has recovered, and all is ready and flowing before the next event");
    return new ScenarioResult(id(),
        "Failover: each app, broker and PostgreSQL going away, until every client has a change"
            + " made after it",
        parameters, figures, failures, null, null, List.of(), notes);
  }

  /**
   * Measures changes with no event until {@link #SETTLED_IN_A_ROW} in a row reached every client
   * within a poll interval plus 2 s, or for {@link #SETTLE_LIMIT}; returns the last one's time.
   */
  private static double settle(FailoverDeployment deployment, Disruptor disruptor,
      Viewers viewers, Duration interval) throws Exception {
    double settled = interval.toMillis() + 2_000;
    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
    int inARow = 0;
    double flow;
    do {
      flow = steady(deployment, disruptor, viewers);
      inARow = flow <= settled ? inARow + 1 : 0;
    } while (inARow < SETTLED_IN_A_ROW && System.nanoTime() < deadline);
    return flow;
  }

  /**
   * Waits until every process is ready, each pair has one active member, and a change reaches
   * every client; returns how long that change took (a baseline sample).
   */
  private static double steady(
      FailoverDeployment deployment, Disruptor disruptor, Viewers viewers) throws Exception {
    for (ServiceProcess app : deployment.apps()) {
      app.awaitReady(FailoverDeployment.READY_TIMEOUT);
    }
    for (int id = 1; id <= deployment.kafka().size(); id++) {
      if (id != disruptor.brokerDown()) {
        deployment.kafka().node(id).awaitReady(FailoverDeployment.READY_TIMEOUT);
      }
    }
    Roles.activePoller(deployment.pollers());
    Roles.activeCapture(deployment.cdcs());
    long from = System.nanoTime();
    OptionalDouble flow = awaitRecovery(deployment, viewers, from);
    if (flow.isEmpty()) {
      long answer = deployment.livepeer().firstAnswerFrom(from);
      List<String> lacking = viewers.lacking(answer);
      throw new IllegalStateException("counts do not reach every client, with no event: "
          + viewers.connected() + " clients connected; " + lacking.size()
          + " client streams lack answer " + answer + ", e.g. "
          + lacking.stream().limit(3).toList() + "; clients saw " + viewers.failures());
    }
    return flow.getAsDouble();
  }

  /**
   * Seconds from {@code fromNanos} until Livepeer served a change (NaN if it has not): the part of
   * a time spent before the poller polled, to tell it from the part spent in the pipeline.
   */
  private static double firstServedAfter(FakeLivepeer livepeer, long fromNanos) {
    long answer = livepeer.firstAnswerFrom(fromNanos);
    return answer == 0 ? Double.NaN : (livepeer.servedAt(answer) - fromNanos) / 1e9;
  }

  private static OptionalDouble awaitRecovery(
      FailoverDeployment deployment, Viewers viewers, long fromNanos) throws InterruptedException {
    long deadline = fromNanos + RECOVERY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      OptionalDouble millis =
          viewers.recoveryMillis(deployment.livepeer().firstAnswerFrom(fromNanos), fromNanos);
      if (millis.isPresent()) {
        return millis;
      }
      Thread.sleep(50);
    }
    return OptionalDouble.empty();
  }

  /** Counts frozen: final values everywhere, versions in order everywhere, no slot left idle. */
  private static List<String> finalChecks(FailoverDeployment deployment, Viewers viewers)
      throws Exception {
    List<String> failures = new ArrayList<>();
    long last = deployment.livepeer().freeze();
    List<String> streams = deployment.livepeer().streamIds();
    long deadline = System.nanoTime() + FINAL_TIMEOUT.toNanos();
    List<String> behind = viewers.notAt(stream -> Counts.of(last, streams.indexOf(stream)));
    while (!behind.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(250);
      behind = viewers.notAt(stream -> Counts.of(last, streams.indexOf(stream)));
    }
    if (!behind.isEmpty()) {
      failures.add(behind.size() + " client streams do not end at the final count within "
          + FINAL_TIMEOUT.toSeconds() + " s, e.g. " + behind.get(0));
    }
    failures.addAll(viewers.failures());
    TopicAudit.Findings topic = TopicAudit.read(deployment.kafka().bootstrapServers());
    say("viewer-counts: %d committed records read, %d out of order", topic.records(),
        topic.failures().size());
    failures.addAll(topic.failures());
    failures.addAll(SlotAudit.check(deployment.postgres().jdbcUrl(), PostgresServer.ROLE,
        PostgresServer.PASSWORD));
    return failures;
  }

  /** The time of day of a System.nanoTime instant, to find it in the processes' logs. */
  private static LocalTime wallClock(long nanos) {
    return LocalTime.now(ZoneOffset.UTC).minusNanos(System.nanoTime() - nanos)
        .truncatedTo(ChronoUnit.MILLIS);
  }

  private static void say(String format, Object... args) {
    System.out.println("[failover] " + String.format(format, args));
  }
}
