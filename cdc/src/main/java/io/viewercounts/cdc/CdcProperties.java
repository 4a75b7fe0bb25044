package io.viewercounts.cdc;

import io.viewercounts.events.Topics;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the cdc module (prefix {@code cdc}); their defaults live in {@code cdc.yml}.
 *
 * @param topics the Kafka topics the module writes and reads
 * @param capture the Debezium capture of {@code public.streams}
 * @param topology the Kafka Streams topology that turns changes into ViewerCount events
 */
@Validated
@ConfigurationProperties("cdc")
public record CdcProperties(
    @Valid @NotNull TopicsProperties topics,
    @Valid @NotNull CaptureProperties capture,
    @Valid @NotNull TopologyProperties topology) {

  /**
   * @param prefix Debezium's topic prefix: changes go to {@code <prefix>.public.streams}
   * @param viewerCounts the topic of ViewerCount events (the broadcasters' {@code
   *     broadcaster.topic} must match)
   * @param partitions partitions of the CDC and viewer-counts topics when the app creates them; the
   *     most topology instances that can share the work. The standalone sets 1: its one instance
   *     shares no work, and every partition adds a transaction marker to each commit
   * @param replicationFactor replicas of every topic the app creates (CDC, viewer-counts, offsets,
   *     Streams changelog); -1 takes the broker's {@code default.replication.factor}. Use 3 in
   *     production
   * @param cdcRetention how long change events stay on the CDC topic
   * @param minuteStats the topic of per-stream, per-minute statistics (docs/analytics.md); created
   *     with the partitions of {@code viewer-counts}
   * @param minuteStatsRetention how long minute statistics stay on their topic ({@code
   *     cleanup.policy=delete})
   */
  public record TopicsProperties(
      @NotBlank String prefix,
      @NotBlank String viewerCounts,
      @Min(1) int partitions,
      @Min(-1) @Max(Short.MAX_VALUE) short replicationFactor,
      @NotNull @DurationMin(minutes = 1) Duration cdcRetention,
      @NotBlank String minuteStats,
      @NotNull @DurationMin(hours = 1) Duration minuteStatsRetention) {

    /** The topic Debezium writes the changes of {@code public.streams} to. */
    public String cdcTopic() {
      return Topics.cdcTopic(prefix);
    }
  }

  /**
   * @param slotName the replication slot; also names the stored offsets, so a new name starts with
   *     a fresh snapshot. Every cdc instance of one database uses the same
   * @param publicationName the publication on {@code streams} and {@code cdc_heartbeat}, created or
   *     updated by the capture
   * @param offsetsTopic the topic holding the capture's position in the WAL
   * @param pollInterval how long the connector sleeps when it finds no new change, and waits to
   *     fill a batch: latency against idle CPU (an idle capture takes 2.7% of a core at 5ms, 4.0%
   *     at 2ms, 5.1% at 1ms; 2ms takes 4ms off the median at 1,000 changes/s)
   * @param offsetFlushInterval how often the capture position is committed; at most this much is
   *     captured again after a crash (and dropped by version)
   * @param sendTimeout how long a batch of changes may wait for Kafka's acknowledgement before the
   *     capture stops and starts again; keep it above a broker failover (the brokers' {@code
   *     broker.session.timeout.ms}, 9 s by default, plus the leader election), so a batch waits the
   *     failover out: a restarted engine needs far longer to stream again
   * @param shutdownTimeout how long stopping the capture may take
   * @param heartbeatInterval how often the capture rewrites its heartbeat row, so the slot's
   *     position moves on while {@code streams} is quiet
   * @param retryInterval the wait before starting the engine again after PostgreSQL or Kafka went
   *     away. A standby does not wait this long: it asks for the capture lock every 50 ms and
   *     takes over as soon as the active instance lets go of it (its engine's task stopped) or
   *     its session ends
   * @param kafkaStartupTimeout how long start-up waits for a Kafka broker to answer before it fails
   * @param slotCheckInterval how often the slot's retained WAL is measured
   * @param retainedWalWarning retained WAL above which a warning is logged
   */
  public record CaptureProperties(
      @NotBlank @Pattern(regexp = "[a-z0-9_]{1,63}", message = "must be 1-63 of [a-z0-9_]")
          String slotName,
      @NotBlank @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}", message = "must be 1-63 of [a-z0-9_]")
          String publicationName,
      @NotBlank String offsetsTopic,
      @NotNull @DurationMin(millis = 1) Duration pollInterval,
      @NotNull Duration offsetFlushInterval,
      @NotNull @DurationMin(millis = 1) Duration sendTimeout,
      @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 5) Duration shutdownTimeout,
      @NotNull @DurationMin(millis = 100) Duration heartbeatInterval,
      @NotNull @DurationMin(millis = 10) @DurationMax(seconds = 10) Duration retryInterval,
      @NotNull @DurationMin(millis = 1) Duration kafkaStartupTimeout,
      @NotNull @DurationMin(millis = 10) Duration slotCheckInterval,
      @NotNull DataSize retainedWalWarning) {

    public CaptureProperties {
      if (retainedWalWarning != null && retainedWalWarning.toBytes() <= 0) {
        throw new IllegalArgumentException(
            "cdc.capture.retained-wal-warning must be positive, was " + retainedWalWarning);
      }
    }
  }

  /**
   * @param applicationId the Kafka Streams application id: consumer group and prefix of the
   *     internal topics
   * @param stateDir the base of the Streams state stores (rebuilt from their changelog when empty).
   *     Each instance takes the first free {@code instance-N} directory under it (a lock file held
   *     while it runs), so several instances share a host with the default, and an instance
   *     restarted on its host gets its directory back
   * @param processingGuarantee the processing guarantee of Kafka Streams
   * @param commitInterval how often Streams commits; with exactly-once, the latency floor of an
   *     event for {@code read_committed} readers
   * @param fetchMaxWait the longest a fetch of the CDC topic waits on the broker for new data
   * @param pollInterval the longest the Streams thread blocks waiting for input before it looks
   *     again whether a commit is due
   * @param closeTimeout how long stopping Kafka Streams may take. A stopping instance leaves the
   *     group, so its partitions move to the others at once
   * @param sessionTimeout how long the group waits for a silent (crashed) instance before its
   *     partitions move: the main part of a crash's freeze. 6s is the least a stock broker accepts
   *     ({@code group.min.session.timeout.ms}); Kafka's default is 45s
   * @param heartbeatInterval how often each instance tells the group it lives, and so how soon it
   *     hears of a rebalance; at most a third of the session timeout
   * @param standbyReplicas warm copies of each task's store on other instances, so a takeover does
   *     not first restore from the changelog. The standalone sets 0: it is the only instance
   * @param transactionTimeout the exactly-once producer's {@code transaction.timeout.ms}. A crashed
   *     instance's open transaction holds back every {@code read_committed} reader of its
   *     partitions (broadcasters included) until it is aborted: the surviving instances fence it
   *     within half a second of the crashed one leaving the group; this timeout is the broker's own
   *     backstop (a stock broker looks for timed-out transactions every 10s)
   * @param minuteGrace how long after a minute's end a change committed in it still counts in that
   *     minute's statistics, while no later change has arrived. A minute's record waits this long
   */
  public record TopologyProperties(
      @NotBlank String applicationId,
      @NotBlank String stateDir,
      @NotBlank @Pattern(regexp = "exactly_once_v2|at_least_once") String processingGuarantee,
      @NotNull @DurationMin(millis = 1) Duration commitInterval,
      @NotNull Duration fetchMaxWait,
      @NotNull @DurationMin(millis = 1) Duration pollInterval,
      @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 5) Duration closeTimeout,
      @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 30) Duration sessionTimeout,
      @NotNull @DurationMin(millis = 100) Duration heartbeatInterval,
      @Min(0) @Max(3) int standbyReplicas,
      @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 15) Duration transactionTimeout,
      @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 10) Duration minuteGrace) {

    public TopologyProperties {
      if (sessionTimeout != null
          && heartbeatInterval != null
          && heartbeatInterval.multipliedBy(3).compareTo(sessionTimeout) > 0) {
        throw new IllegalArgumentException(
            "cdc.topology.heartbeat-interval ("
                + heartbeatInterval
                + ") must be at most a third of cdc.topology.session-timeout ("
                + sessionTimeout
                + "), so that a live instance is never taken for dead");
      }
    }
  }
}
