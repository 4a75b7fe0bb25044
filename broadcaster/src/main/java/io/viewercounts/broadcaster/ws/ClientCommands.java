package io.viewercounts.broadcaster.ws;

import io.viewercounts.broadcaster.fanout.StreamIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
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

  private static final String TYPES =
      Arrays.stream(ClientCommand.Type.values())
          .map(type -> '"' + type.typeName() + '"')
          .collect(Collectors.joining(", "));

  private ClientCommands() {}

  static ClientCommand parse(String text) throws InvalidCommandException {
    JsonNode frame = readJson(text);
    if (!frame.isObject()) {
      throw new InvalidCommandException("expected a JSON object");
    }
    ClientCommand.Type type = type(frame.get("type"));
    return new ClientCommand(
        type,
        type.takesStreamIds() ? streamIds(frame.get("streamIds")) : List.of(),
        type == ClientCommand.Type.SUBSCRIBE && history(frame.get("history")));
  }

  /** Optional, false when absent. */
  private static boolean history(JsonNode history) throws InvalidCommandException {
    if (history == null || history.isNull()) {
      return false;
    }
    if (!history.isBoolean()) {
      throw new InvalidCommandException("\"history\" must be true or false");
    }
    return history.booleanValue();
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
      throw new InvalidCommandException("missing \"type\": expected " + TYPES);
    }
    return Arrays.stream(ClientCommand.Type.values())
        .filter(known -> known.typeName().equals(type.stringValue()))
        .findFirst()
        .orElseThrow(() -> new InvalidCommandException("unknown type: expected " + TYPES));
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
