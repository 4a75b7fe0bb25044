package io.viewercounts.broadcaster.ws;

import io.viewercounts.broadcaster.fanout.StreamIds;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parses and validates client frames (contract, section 4). Unknown extra fields are ignored. */
final class ClientCommands {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private ClientCommands() {}

  static ClientCommand parse(String text) throws InvalidCommandException {
    JsonNode frame = readJson(text);
    if (!frame.isObject()) {
      throw new InvalidCommandException("expected a JSON object");
    }
    return new ClientCommand(type(frame.get("type")), streamIds(frame.get("streamIds")));
  }

  private static JsonNode readJson(String text) throws InvalidCommandException {
    JsonNode frame;
    try {
      frame = JSON.readTree(text);
    } catch (JacksonException e) {
      frame = null;
    }
    if (frame == null || frame.isMissingNode()) { // missing: the frame was empty
      throw new InvalidCommandException("not valid JSON");
    }
    return frame;
  }

  private static ClientCommand.Type type(JsonNode type) throws InvalidCommandException {
    if (type == null || !type.isString()) {
      throw new InvalidCommandException(
          "missing \"type\": expected \"subscribe\" or \"unsubscribe\"");
    }
    return switch (type.stringValue()) {
      case "subscribe" -> ClientCommand.Type.SUBSCRIBE;
      case "unsubscribe" -> ClientCommand.Type.UNSUBSCRIBE;
      default ->
          throw new InvalidCommandException(
              "unknown type: expected \"subscribe\" or \"unsubscribe\"");
    };
  }

  /** All ids must be valid: a command with one bad id is refused whole. */
  private static List<String> streamIds(JsonNode streamIds) throws InvalidCommandException {
    if (streamIds == null || !streamIds.isArray() || streamIds.isEmpty()) {
      throw new InvalidCommandException("\"streamIds\" must be a non-empty array of stream ids");
    }
    List<String> ids = new ArrayList<>(streamIds.size());
    for (JsonNode id : streamIds.values()) {
      if (!id.isString() || !StreamIds.isValid(id.stringValue())) {
        throw new InvalidCommandException(
            "streamIds[" + ids.size() + "] is not a valid stream id (" + StreamIds.RULE + ")");
      }
      ids.add(id.stringValue());
    }
    return ids;
  }
}
