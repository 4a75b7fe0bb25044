package io.viewercounts.broadcaster.web;

import io.viewercounts.broadcaster.fanout.Hub;
import io.viewercounts.broadcaster.fanout.StreamSlice;
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
 * WebSocket is down (so nothing here may be cached). Served from memory: no request reaches Kafka.
 */
@RestController
@RequestMapping("/api/streams")
public class StreamsController {

  /** The header of a list's answer that says how many streams match in all. */
  static final String TOTAL_COUNT = "X-Total-Count";

  /** The most streams one list answer holds when a limit is given. */
  static final int MAX_LIMIT = 1000;

  private final Hub hub;

  public StreamsController(Hub hub) {
    this.hub = hub;
  }

  @GetMapping("/{id}")
  public ResponseEntity<?> stream(@PathVariable String id) {
    if (!StreamIds.isValid(id)) {
      return ApiError.response(
          HttpStatus.BAD_REQUEST, "bad_request", "not a valid stream id: " + StreamIds.RULE);
    }
    Optional<ViewerCount> count = hub.current(id);
    if (count.isEmpty()) {
      return ApiError.response(
          HttpStatus.NOT_FOUND, "not_found", "no viewer count known for stream " + id);
    }
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(StreamCount.of(count.get()));
  }

  /**
   * Every known stream, or only the live ones; most viewers first. With {@code limit}, one slice
   * of that order from {@code offset}, and the total in {@value #TOTAL_COUNT}; pages that list
   * thousands of streams read it a slice at a time.
   */
  @GetMapping
  public ResponseEntity<?> streams(
      @RequestParam(defaultValue = "false") boolean live,
      @RequestParam(defaultValue = "0") int offset,
      @RequestParam(required = false) Integer limit) {
    if (offset < 0 || (limit != null && (limit < 1 || limit > MAX_LIMIT))) {
      return ApiError.response(
          HttpStatus.BAD_REQUEST,
          "bad_request",
          "offset must be 0 or more, limit from 1 to " + MAX_LIMIT);
    }
    int size = limit == null ? Integer.MAX_VALUE : limit;
    StreamSlice page =
        live ? hub.live(offset, size) : StreamSlice.of(hub.all(), offset, size);
    List<StreamCount> streams = page.counts().stream().map(StreamCount::of).toList();
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .header(TOTAL_COUNT, Integer.toString(page.total()))
        .body(streams);
  }
}
