package io.viewercounts.bench.clients;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which streams client number {@code i} of a connect round subscribes to: {@code each} of {@code
 * streams}, consecutive from {@code i + offset} on (with a stride, so neighbours differ), so
 * subscribers spread evenly over the streams.
 *
 * <p>Written on one line for a worker: {@code EACH:OFFSET:ID,ID,...}.
 */
public record StreamPlan(List<String> streams, int each, int offset) {

  public StreamPlan {
    if (streams.isEmpty() || each < 1 || each > streams.size()) {
      throw new IllegalArgumentException(
          "a plan needs 1 to " + streams.size() + " streams a client, not " + each);
    }
  }

  /** Every client subscribes to the one stream {@code id}. */
  public static StreamPlan one(String id) {
    return new StreamPlan(List.of(id), 1, 0);
  }

  /** {@code each} of the streams PREFIX0 to PREFIX(COUNT-1) per client. */
  public static StreamPlan range(String prefix, int count, int each, int offset) {
    List<String> streams = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      streams.add(streamName(prefix, n));
    }
    return new StreamPlan(streams, each, offset);
  }

  public static String streamName(String prefix, int n) {
    return prefix + n;
  }

  public StreamPlan withOffset(int newOffset) {
    return new StreamPlan(streams, each, newOffset);
  }

  /** The plan on one line, for a worker's connect command. */
  public String encode() {
    return each + ":" + offset + ":" + String.join(",", streams);
  }

  public static StreamPlan decode(String text) {
    String[] part = text.split(":", 3);
    return new StreamPlan(
        Arrays.asList(part[2].split(",")), Integer.parseInt(part[0]), Integer.parseInt(part[1]));
  }

  /** The streams client number {@code i} subscribes to: {@code each} different ones. */
  public List<String> streamsOf(int i) {
    List<String> mine = new ArrayList<>(each);
    int stride = streams.size() / each; // k * stride < size for every k < each: all differ
    for (int k = 0; k < each; k++) {
      mine.add(streams.get(Math.floorMod(i + offset + k * stride, streams.size())));
    }
    return mine;
  }

  /** The subscribe command for {@code streamIds}. */
  static String subscribeFrame(List<String> streamIds) {
    StringBuilder frame = new StringBuilder("{\"type\":\"subscribe\",\"streamIds\":[");
    for (int k = 0; k < streamIds.size(); k++) {
      if (k > 0) {
        frame.append(',');
      }
      frame.append('"').append(streamIds.get(k)).append('"');
    }
    return frame.append("]}").toString();
  }
}
