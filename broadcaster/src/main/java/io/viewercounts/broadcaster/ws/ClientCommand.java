package io.viewercounts.broadcaster.ws;

import java.util.List;

/**
 * A validated client frame: subscribe or unsubscribe, with at least one valid stream id, or
 * subscribe_live or unsubscribe_live, with none. {@code history}: a subscribe that also asks for
 * the streams' recent minutes.
 */
record ClientCommand(Type type, List<String> streamIds, boolean history) {

  ClientCommand(Type type, List<String> streamIds) {
    this(type, streamIds, false);
  }

  enum Type {
    SUBSCRIBE("subscribe", true),
    UNSUBSCRIBE("unsubscribe", true),
    SUBSCRIBE_LIVE("subscribe_live", false),
    UNSUBSCRIBE_LIVE("unsubscribe_live", false);

    private final String name;
    private final boolean takesStreamIds;

    Type(String name, boolean takesStreamIds) {
      this.name = name;
      this.takesStreamIds = takesStreamIds;
    }

    String typeName() {
      return name;
    }

    boolean takesStreamIds() {
      return takesStreamIds;
    }
  }
}
