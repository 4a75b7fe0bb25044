package io.viewercounts.broadcaster.web;

import io.viewercounts.broadcaster.fanout.Hub;
import io.viewercounts.broadcaster.fanout.StreamHistory;
import io.viewercounts.broadcaster.fanout.StreamIds;
import io.viewercounts.events.ViewerCount;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One page per stream, rendered with the stream's current value, so its first paint shows the name
 * and count; the page's script then takes only newer versions. An unknown stream gets a not-found
 * page with status 404. The list page is the static {@code index.html}, served at {@code /}.
 */
@Controller
public class PagesController {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Hub hub;
  private final PageTemplate streamPage = new PageTemplate("pages/stream.html");
  private final PageTemplate notFoundPage = new PageTemplate("pages/not-found.html");

  public PagesController(Hub hub) {
    this.hub = hub;
  }

  @GetMapping("/stream/{id}")
  public ResponseEntity<String> stream(@PathVariable String id, Locale locale) {
    Optional<ViewerCount> known = StreamIds.isValid(id) ? hub.current(id) : Optional.empty();
    if (known.isEmpty()) {
      return html(
          HttpStatus.NOT_FOUND,
          notFoundPage.render(
              Map.of("message", "There is no stream with the id “" + id + "” here.")));
    }
    ViewerCount count = known.get();
    String title = count.name() == null || count.name().isBlank() ? id : count.name();
    return html(
        HttpStatus.OK,
        streamPage.render(
            Map.of(
                "title", title,
                "state", count.isLive() ? "live" : "ended",
                "stateText", stateText(count),
                "count", NumberFormat.getIntegerInstance(locale).format(count.viewerCount()),
                "label", count.viewerCount() == 1 ? "viewer" : "viewers",
                "json", JSON.writeValueAsString(StreamCount.of(count)),
                "historyJson", historyJson(id))));
  }

  /** The stream's history message, so the page draws its last minutes on first paint. */
  private String historyJson(String id) {
    StreamHistory history = hub.currentHistory(id);
    return history == null ? "null" : history.text();
  }

  private static String stateText(ViewerCount count) {
    if (count.isLive()) {
      return "Live";
    }
    return count.endedAt() == null ? "Not live" : "Ended " + UTC_TIME.format(count.endedAt());
  }

  /** Never cached: the page carries a count that is stale seconds later. */
  private static ResponseEntity<String> html(HttpStatus status, String page) {
    return ResponseEntity.status(status)
        .cacheControl(CacheControl.noStore())
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .body(page);
  }
}
