package io.viewercounts.broadcaster.bench;

/**
 * Which streams client number {@code i} of a worker subscribes to: {@code one:ID} (all the same
 * stream) or {@code spread:STREAMS:EACH:OFFSET} (EACH of STREAMS streams named {@code s<n>},
 * consecutive from client {@code i + OFFSET} on, so subscribers spread evenly over the streams).
 */
record StreamPlan(String single, int streams, int each, int offset) {

  static StreamPlan parse(String text) {
    String[] part = text.split(":");
    return switch (part[0]) {
      case "one" -> new StreamPlan(part[1], 1, 1, 0);
      case "spread" ->
          new StreamPlan(
              null,
              Integer.parseInt(part[1]),
              Integer.parseInt(part[2]),
              Integer.parseInt(part[3]));
      default -> throw new IllegalArgumentException("unknown stream plan " + text);
    };
  }

  static String streamName(int n) {
    return "s" + n;
  }

  /** The subscribe command of client number {@code i}. */
  String subscribeFrame(int i) {
    StringBuilder frame = new StringBuilder("{\"type\":\"subscribe\",\"streamIds\":[");
    for (int k = 0; k < each; k++) {
      if (k > 0) {
        frame.append(',');
      }
      String id = single != null ? single : streamName(Math.floorMod(i + offset + k * 97, streams));
      frame.append('"').append(id).append('"');
    }
    return frame.append("]}").toString();
  }
}
