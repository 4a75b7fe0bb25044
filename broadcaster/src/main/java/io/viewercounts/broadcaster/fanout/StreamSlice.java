package io.viewercounts.broadcaster.fanout;

import io.viewercounts.events.ViewerCount;
import java.util.List;

/**
 * A slice of a list of streams in the order a page shows them, most viewers first.
 *
 * @param counts the streams of the slice, in order
 * @param total how many streams the whole list holds
 */
public record StreamSlice(List<ViewerCount> counts, int total) {

  /** The slice of {@code ordered} from {@code offset}, at most {@code limit} long. */
  public static StreamSlice of(List<ViewerCount> ordered, int offset, int limit) {
    int from = Math.min(offset, ordered.size());
    int to = (int) Math.min(ordered.size(), (long) from + limit);
    return new StreamSlice(ordered.subList(from, to), ordered.size());
  }
}
