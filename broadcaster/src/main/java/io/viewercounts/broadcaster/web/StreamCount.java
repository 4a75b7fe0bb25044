package io.viewercounts.broadcaster.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.viewercounts.events.ViewerCount;
import java.time.Instant;

/** The ViewerCount JSON of the HTTP API: the topic's shape, without changedAt when unknown. */
record StreamCount(
    String streamId,
    String name,
    int viewerCount,
    @JsonProperty("isLive") boolean isLive,
    Instant endedAt,
    long version,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant changedAt) {

  static StreamCount of(ViewerCount count) {
    return new StreamCount(
        count.streamId(),
        count.name(),
        count.viewerCount(),
        count.isLive(),
        count.endedAt(),
        count.version(),
        count.changedAt());
  }
}
