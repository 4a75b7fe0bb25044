package io.viewercounts.broadcaster;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the broadcaster ({@code broadcaster.*}); defaults in {@code broadcaster.yml}.
 *
 * @param topic the topic of ViewerCount values (the cdc's {@code cdc.topics.viewer-counts})
 * @param minuteStatsTopic the topic of per-minute statistics the stream histories come from (the
 *     cdc's {@code cdc.topics.minute-stats})
 * @param historyMinutes minutes of history kept per stream live within them (for 30, about 350
 *     bytes of heap a stream, and 440 more once a client asked for its history) and sent to clients
 *     that subscribe with {@code "history":true}
 * @param allowedOrigins browser origins allowed to open {@code /ws}, comma-separated; patterns such
 *     as {@code https://*.example.com} and {@code *} allowed. Empty: same origin only. Clients that
 *     send no {@code Origin} (not browsers) are always allowed
 * @param maxSubscriptionsPerConnection streams one connection may subscribe to at once
 * @param maxFrameSize largest client frame, 1KB to 1MB; larger ones close the connection with 1009
 * @param connectionBufferSize size of Jetty's WebSocket read buffer (256B to 64KB), taken from its
 *     pool only while a read is under way, so an idle connection holds none; larger client frames
 *     pass in several reads. Frames to clients need no buffer: each is written from bytes built
 *     once and shared by every connection
 * @param maxConnectionsPerAddress open connections allowed from one client address; behind a load
 *     balancer this needs {@code server.forward-headers-strategy}
 * @param pingInterval how often the server pings, at least 1s; two silent intervals close the
 *     connection. Keep load balancer idle timeouts above it
 * @param sendTimeout how long a frame may take to reach a client before it is closed as too slow
 *     (Jetty aborts the connection), at least 1s
 * @param subscribesPerSecond sustained subscribe requests allowed per connection
 * @param subscribeBurst subscribe requests allowed at once before the rate applies
 */
@Validated
@ConfigurationProperties("broadcaster")
public record BroadcasterProperties(
    @NotBlank String topic,
    @NotBlank String minuteStatsTopic,
    @Min(1) @Max(24 * 60) int historyMinutes,
    @NotNull List<String> allowedOrigins,
    @Min(1) @Max(10_000) int maxSubscriptionsPerConnection,
    @NotNull DataSize maxFrameSize,
    @NotNull DataSize connectionBufferSize,
    @Min(1) int maxConnectionsPerAddress,
    @NotNull Duration pingInterval,
    @NotNull Duration sendTimeout,
    @Positive double subscribesPerSecond,
    @Min(1) int subscribeBurst) {

  @AssertTrue(message = "max-frame-size must be between 1KB and 1MB")
  boolean isMaxFrameSizeInRange() {
    return maxFrameSize == null
        || (maxFrameSize.toBytes() >= 1024 && maxFrameSize.toBytes() <= 1024 * 1024);
  }

  @AssertTrue(message = "connection-buffer-size must be between 256B and 64KB")
  boolean isConnectionBufferSizeInRange() {
    return connectionBufferSize == null
        || (connectionBufferSize.toBytes() >= 256 && connectionBufferSize.toBytes() <= 64 * 1024);
  }

  @AssertTrue(message = "ping-interval must be at least 1s")
  boolean isPingIntervalInRange() {
    return pingInterval == null || pingInterval.compareTo(Duration.ofSeconds(1)) >= 0;
  }

  @AssertTrue(message = "send-timeout must be at least 1s")
  boolean isSendTimeoutInRange() {
    return sendTimeout == null || sendTimeout.compareTo(Duration.ofSeconds(1)) >= 0;
  }
}
