package io.viewercounts.broadcaster.web;

import io.viewercounts.broadcaster.fanout.StreamIds;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * One page per stream, served from the static {@code stream.html}: its script reads the stream id
 * from the path. The list page is the static {@code index.html}, served at {@code /}.
 */
@Controller
public class PagesController {

  @GetMapping("/stream/{id}")
  public String stream(@PathVariable String id) {
    if (!StreamIds.isValid(id)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "not a valid stream id");
    }
    return "forward:/stream.html";
  }
}
