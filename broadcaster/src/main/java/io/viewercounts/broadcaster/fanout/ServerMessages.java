package io.viewercounts.broadcaster.fanout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.viewercounts.events.ViewerCount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** Encodes the server-to-client frames of the WebSocket protocol (contract, section 4). */
public final class ServerMessages {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SUBSCRIBED_LIVE = "{\"type\":\"subscribed_live\"}";

  private ServerMessages() {}

  public static String viewerCount(ViewerCount count) {
    return JSON.writeValueAsString(
        new ViewerCountMessage(
            "viewer_count",
            count.streamId(),
            count.name(),
            count.viewerCount(),
            count.isLive(),
            count.endedAt(),
            count.version()));
  }

  public static String subscribed(Collection<String> streamIds) {
    return JSON.writeValueAsString(new SubscribedMessage("subscribed", streamIds));
  }

  /**
   * A stream's recent minutes: {@code peak} and {@code mean} hold one entry per minute from {@code
   * start}, the newest last, null where the stream was not live.
   */
  static String history(StreamHistory history) {
    List<Integer> peaks = new ArrayList<>(history.minutes());
    List<Float> means = new ArrayList<>(history.minutes());
    for (int minute = 0; minute < history.minutes(); minute++) {
      peaks.add(history.peak(minute));
      means.add(history.mean(minute));
    }
    return JSON.writeValueAsString(
        new HistoryMessage("history", history.streamId(), history.start(), peaks, means));
  }

  public static String subscribedLive() {
    return SUBSCRIBED_LIVE;
  }

  /**
   * An error; {@code streamIds}, when not null, are those of the command it refused, and {@code
   * limit}, when not null, the limit the command would have exceeded.
   */
  public static String error(
      String code, String message, Collection<String> streamIds, Integer limit) {
    return JSON.writeValueAsString(new ErrorMessage("error", code, message, streamIds, limit));
  }

  // Record components are written in declaration order: the order the contract shows.
  private record ViewerCountMessage(
      String type,
      String streamId,
      String name,
      int viewerCount,
      @JsonProperty("isLive") boolean isLive,
      Instant endedAt,
      long version) {}

  private record HistoryMessage(
      String type, String streamId, Instant start, List<Integer> peak, List<Float> mean) {}

  private record SubscribedMessage(String type, Collection<String> streamIds) {}

  private record ErrorMessage(
      String type,
      String code,
      String message,
      @JsonInclude(JsonInclude.Include.NON_NULL) Collection<String> streamIds,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer limit) {}
}
