package io.viewercounts.broadcaster.ws;

import java.util.List;

/** A validated client frame: subscribe or unsubscribe, with at least one valid stream id. */
record ClientCommand(Type type, List<String> streamIds) {

  enum Type {
    SUBSCRIBE,
    UNSUBSCRIBE
  }
}
