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
   * @param prefix Debezium's topic prefix: the changes go to {@code <prefix>.public.streams}
   * @param viewerCounts the topic of ViewerCount events
   * @param partitions partitions of the CDC and viewer-counts topics when the app creates them
   * @param replicationFactor replication of every topic the module creates (CDC, viewer-counts,
   *     capture offsets, Streams changelog); -1 takes the broker's default
   * @param cdcRetention how long change events stay on the CDC topic
   * @param minuteStats the topic of per-stream, per-minute statistics
   * @param minuteStatsRetention how long minute statistics stay on their topic
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
   * @param slotName the PostgreSQL replication slot; also names the engine, so its offsets belong
   *     to this slot
   * @param publicationName the publication Debezium creates on {@code public.streams} alone
   * @param offsetsTopic the Kafka topic holding the capture's position in the WAL
   * @param pollInterval how long the connector sleeps when it finds no new change
   * @param offsetFlushInterval how often the capture position is committed to Kafka
   * @param sendTimeout how long a batch of changes may wait for Kafka's acknowledgement
   * @param shutdownTimeout how long stopping the capture may take
   * @param heartbeatInterval how often the capture writes its heartbeat row, so that the slot's
   *     confirmed position advances while {@code streams} is quiet
   * @param retryInterval the wait before starting the engine again after it failed (PostgreSQL or
   *     Kafka away), and how often a standby looks whether the slot has become free
   * @param kafkaStartupTimeout how long start-up waits for a Kafka broker to answer
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
   * @param applicationId the Kafka Streams application id (consumer group, internal topic prefix)
   * @param stateDir the base directory of the Streams state stores; each instance on a host takes
   *     a numbered directory of its own under it, so several instances share a host with defaults
   * @param processingGuarantee {@code exactly_once_v2} or {@code at_least_once}
   * @param commitInterval how often Streams commits; with exactly-once, the latency floor of an
   *     event on viewer-counts for read_committed readers
   * @param fetchMaxWait the longest a fetch of the CDC topic waits on the broker for new data
   * @param pollInterval the longest the Streams thread blocks waiting for input before it looks
   *     again whether a commit is due
   * @param closeTimeout how long stopping Kafka Streams may take
   * @param sessionTimeout how long the group waits for a silent instance before its partitions
   *     move to the others: the bound on a crashed instance's freeze; a stock broker accepts no
   *     less than 6s ({@code group.min.session.timeout.ms})
   * @param heartbeatInterval how often each instance tells the group it lives, and so how soon it
   *     hears of a rebalance; at most a third of the session timeout
   * @param standbyReplicas warm copies of each task's store on other instances, so that a takeover
   *     does not first restore the store from its changelog
   * @param transactionTimeout how long the broker lets a transaction of the topology stay open
   *     before it aborts it (exactly-once); a dead instance's open transaction holds back every
   *     read_committed reader of its partitions until then, unless a live instance fences it
   *     first
   * @param minuteGrace how long after a minute's end a change committed in it still counts in its
   *     minute's statistics (capture and pipeline delay); the minute's record waits that long
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
