package io.viewercounts.standalone.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One stream of the simulator: its identity, whether it is live, and an audience that drifts or is
 * set from outside.
 */
final class SimulatedStream {

  private static final double GO_OFFLINE_CHANCE = 0.02;
  private static final double GO_LIVE_CHANCE = 0.2;

  private final String id;
  private final String playbackId;
  private final String name;
  private final long createdAt;
  private final int typicalAudience;
  private boolean live;
  private int viewers;
  private long lastSeen;
  private Long lastTerminatedAt;

  SimulatedStream(String id, String playbackId, String name, int typicalAudience, long now) {
    this.id = id;
    this.playbackId = playbackId;
    this.name = name;
    this.typicalAudience = typicalAudience;
    this.createdAt = now;
    this.live = typicalAudience > 0;
    this.viewers = typicalAudience;
    this.lastSeen = now;
  }

  /** Moves the audience a little, and now and then ends the stream or brings it back live. */
  void tick(RandomGenerator random, long now) {
    if (live && random.nextDouble() < GO_OFFLINE_CHANCE) {
      live = false;
      viewers = 0;
      lastTerminatedAt = now;
    } else if (!live && random.nextDouble() < GO_LIVE_CHANCE) {
      live = true;
      viewers = Math.max(1, typicalAudience / 10);
    } else if (live) {
      viewers = drift(random);
      lastSeen = now;
    }
  }

  /** Puts the stream live, if it was not, with exactly this audience. */
  void setViewers(int viewers, long now) {
    this.live = true;
    this.viewers = viewers;
    this.lastSeen = now;
  }

  /** A random walk of a few percent a tick, pulled back towards the stream's typical audience. */
  private int drift(RandomGenerator random) {
    double step = viewers * 0.05 * random.nextGaussian() + random.nextGaussian() * 2;
    double pull = (Math.max(typicalAudience, 1) - viewers) * 0.1;
    return (int) Math.max(0, Math.round(viewers + step + pull));
  }

  String id() {
    return id;
  }

  boolean live() {
    return live;
  }

  int viewers() {
    return viewers;
  }

  String playbackId() {
    return playbackId;
  }

  /** The stream object as Livepeer's {@code GET /stream} lists it, with fields we ignore too. */
  Map<String, Object> toStreamObject() {
    Map<String, Object> stream = new LinkedHashMap<>();
    stream.put("id", id);
    stream.put("name", name);
    stream.put("kind", "stream");
    stream.put("userId", "simulated-user");
    stream.put("lastSeen", lastSeen);
    stream.put("sourceSegments", 0);
    stream.put("transcodedSegments", 0);
    stream.put("sourceSegmentsDuration", 0);
    stream.put("isActive", live);
    stream.put("isHealthy", live ? Boolean.TRUE : null);
    stream.put("issues", List.of());
    stream.put("createdAt", createdAt);
    stream.put("playbackId", playbackId);
    stream.put("streamKey", "hidden");
    stream.put("record", false);
    stream.put("suspended", false);
    stream.put("profiles", List.of(Map.of("name", "720p", "bitrate", 2000000, "fps", 30, "width", 1280, "height", 720)));
    stream.put("multistream", Map.of("targets", List.of()));
    if (lastTerminatedAt != null) {
      stream.put("lastTerminatedAt", lastTerminatedAt);
    }
    return stream;
  }

  /** The entry of Livepeer's {@code GET /data/views/now} for this stream. */
  Map<String, Object> toViewsEntry() {
    return Map.of("playbackId", playbackId, "viewCount", viewers, "errorRate", 0.0);
  }
}
