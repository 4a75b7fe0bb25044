package io.viewercounts.cdc.topology;

import io.viewercounts.events.ViewerCount;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Debezium change event of a {@code streams} row, read from its JSON (schemas disabled).
 *
 * @param streamId the row's primary key
 * @param version the change's position in the WAL ({@code source.lsn}), one less for a snapshot
 *     row: it grows with every change of a row, and the same change captured twice has the same one
 * @param committedAt when the transaction committed ({@code source.ts_ms})
 * @param after the row's new state as a ViewerCount, null when the row was deleted
 */
record StreamChange(String streamId, long version, Instant committedAt, ViewerCount after) {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final String STREAMS_TABLE = "streams";

  boolean isDelete() {
    return after == null;
  }

  /**
   * Reads one change event.
   *
   * @return the change, or empty for a well-formed record that is not about a streams row: a change
   *     of another table (such as the capture's heartbeat table) or a Debezium heartbeat
   * @throws MalformedChangeException saying what is wrong, for anything else that is not a
   *     well-formed change of a streams row
   */
  static Optional<StreamChange> parse(String json) {
    JsonNode event;
    try {
      event = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new MalformedChangeException("not JSON: " + e.getOriginalMessage());
    }
    if (event == null || !event.isObject()) {
      throw new MalformedChangeException("not a JSON object");
    }
    if (isHeartbeat(event)) {
      return Optional.empty();
    }
    JsonNode source = object(event, "source");
    JsonNode table = source.path("table");
    if (table.isString() && !STREAMS_TABLE.equals(table.stringValue())) {
      return Optional.empty();
    }
    return Optional.of(change(event, source));
  }

  /** Debezium's heartbeat record: {@code {"ts_ms": ...}} and nothing else. */
  private static boolean isHeartbeat(JsonNode event) {
    return event.size() == 1 && event.path("ts_ms").isIntegralNumber();
  }

  private static StreamChange change(JsonNode event, JsonNode source) {
    long position = nonNegativeLong(source, "lsn");
    Instant committedAt = Instant.ofEpochMilli(nonNegativeLong(source, "ts_ms"));
    String op = string(event, "op");
    // A snapshot row ('r') carries the slot's consistent point: it is the row as it was just
    // before that position. The slot's first change can start at that very position, so the
    // snapshot row takes the version one below, and that change stays newer than it.
    long version = "r".equals(op) ? Math.max(0, position - 1) : position;
    return switch (op) {
      case "c", "u", "r" -> {
        ViewerCount after = viewerCount(object(event, "after"), version, committedAt);
        yield new StreamChange(after.streamId(), version, committedAt, after);
      }
      case "d" -> new StreamChange(streamId(object(event, "before")), version, committedAt, null);
      default -> throw new MalformedChangeException("unknown op '" + op + "'");
    };
  }

  private static ViewerCount viewerCount(JsonNode row, long version, Instant committedAt) {
    JsonNode count = field(row, "viewer_count");
    if (!count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < 0) {
      throw new MalformedChangeException("viewer_count is not a count: " + count);
    }
    JsonNode live = field(row, "is_live");
    if (!live.isBoolean()) {
      throw new MalformedChangeException("is_live is not a boolean: " + live);
    }
    return new ViewerCount(
        streamId(row),
        count.intValue(),
        live.booleanValue(),
        instantOrNull(row, "ended_at"),
        version,
        committedAt);
  }

  private static String streamId(JsonNode row) {
    String id = string(row, "id");
    if (id.isBlank()) {
      throw new MalformedChangeException("id is blank");
    }
    return id;
  }

  /** Debezium writes timestamptz columns as ISO-8601 strings with an offset (ZonedTimestamp). */
  private static Instant instantOrNull(JsonNode row, String name) {
    JsonNode value = row.path(name);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw new MalformedChangeException(name + " is not a timestamp: " + value);
    }
    try {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value.stringValue(), Instant::from);
    } catch (DateTimeParseException e) {
      throw new MalformedChangeException(name + " is not a timestamp: " + value);
    }
  }

  private static JsonNode object(JsonNode parent, String name) {
    JsonNode value = field(parent, name);
    if (!value.isObject()) {
      throw new MalformedChangeException(name + " is not an object");
    }
    return value;
  }

  private static String string(JsonNode parent, String name) {
    JsonNode value = field(parent, name);
    if (!value.isString()) {
      throw new MalformedChangeException(name + " is not a string");
    }
    return value.stringValue();
  }

  private static long nonNegativeLong(JsonNode parent, String name) {
    JsonNode value = field(parent, name);
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
      throw new MalformedChangeException(name + " is not a non-negative integer: " + value);
    }
    return value.longValue();
  }

  private static JsonNode field(JsonNode parent, String name) {
    JsonNode value = parent.path(name);
    if (value.isMissingNode() || value.isNull()) {
      throw new MalformedChangeException("missing " + name);
    }
    return value;
  }

  /** A record on the CDC topic that is not a well-formed change of a streams row. */
  static final class MalformedChangeException extends RuntimeException {
    MalformedChangeException(String message) {
      super(message, null, false, false);
    }
  }
}
