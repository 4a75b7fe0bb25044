package io.viewercounts.broadcaster.web;

import io.viewercounts.broadcaster.fanout.Hub;
import io.viewercounts.broadcaster.fanout.StreamIds;
import io.viewercounts.events.ViewerCount;
import java.util.List;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the node knows, over HTTP: for pages listing streams, and for clients polling while their
 * WebSocket is down (so nothing here may be cached).
 */
@RestController
@RequestMapping("/api/streams")
public class StreamsController {

  private final Hub hub;

  public StreamsController(Hub hub) {
    this.hub = hub;
  }

  @GetMapping("/{id}")
  public ResponseEntity<?> stream(@PathVariable String id) {
    if (!StreamIds.isValid(id)) {
      return error(
          HttpStatus.BAD_REQUEST, "bad_request", "not a valid stream id: " + StreamIds.RULE);
    }
    Optional<ViewerCount> count = hub.current(id);
    if (count.isEmpty()) {
      return error(HttpStatus.NOT_FOUND, "not_found", "no viewer count known for stream " + id);
    }
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(StreamCount.of(count.get()));
  }

  /** Every known stream, or only the live ones; most viewers first. */
  @GetMapping
  public ResponseEntity<List<StreamCount>> streams(
      @RequestParam(defaultValue = "false") boolean live) {
    List<StreamCount> streams =
        hub.all().stream().filter(count -> !live || count.isLive()).map(StreamCount::of).toList();
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(streams);
  }

  private static ResponseEntity<?> error(HttpStatus status, String code, String message) {
    return ResponseEntity.status(status)
        .cacheControl(CacheControl.noStore())
        .body(new ApiError(code, message));
  }
}
