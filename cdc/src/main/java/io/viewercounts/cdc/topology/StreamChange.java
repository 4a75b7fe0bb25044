package io.viewercounts.cdc.topology;

import io.viewercounts.events.ViewerCount;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * One Debezium change event of a {@code streams} row, read from its JSON (schemas disabled).
 *
 * <p>Read as a stream of tokens, keeping only the few fields the topology needs: every change
 * passes through here, and building a tree of the whole event (with its {@code source} block of a
 * dozen fields) took a third of the topology thread's time.
 *
 * @param streamId the row's primary key
 * @param version the change's position in the WAL ({@code source.lsn}), one less for a snapshot
 *     row: it grows with every change of a row, and the same change captured twice has the same one
 * @param committedAt when the transaction committed ({@code source.ts_ms})
 * @param after the row's new state as a ViewerCount, null when the row was deleted
 */
record StreamChange(String streamId, long version, Instant committedAt, ViewerCount after) {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final String STREAMS_TABLE = "streams";

  private static final List<String> SOURCE_FIELDS = List.of("lsn", "ts_ms", "table");
  private static final List<String> ROW_FIELDS =
      List.of("id", "viewer_count", "is_live", "ended_at");

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
  static Optional<StreamChange> parse(byte[] json) {
    try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedChangeException("not a JSON object");
      }
      return Event.read(parser).change();
    } catch (JacksonException e) {
      throw new MalformedChangeException("not JSON: " + e.getOriginalMessage());
    }
  }

  /** The top-level fields of a change event that matter here; the parser is inside its object. */
  private record Event(
      Value[] before, Value[] after, Value[] source, Value op, int fields, boolean integralTsMs) {

    static Event read(JsonParser parser) {
      Value[] before = null;
      Value[] after = null;
      Value[] source = null;
      Value op = Value.MISSING;
      int fields = 0;
      boolean integralTsMs = false;
      for (String name = parser.nextName(); name != null; name = parser.nextName()) {
        fields++;
        JsonToken token = parser.nextToken();
        switch (name) {
          case "before" -> before = Value.object(parser, token, ROW_FIELDS);
          case "after" -> after = Value.object(parser, token, ROW_FIELDS);
          case "source" -> source = Value.object(parser, token, SOURCE_FIELDS);
          case "op" -> op = Value.read(parser, token);
          case "ts_ms" -> integralTsMs = token == JsonToken.VALUE_NUMBER_INT;
          default -> parser.skipChildren();
        }
      }
      return new Event(before, after, source, op, fields, integralTsMs);
    }

    Optional<StreamChange> change() {
      if (isHeartbeat()) {
        return Optional.empty();
      }
      Value[] source = object(this.source, "source");
      Value table = source[SOURCE_FIELDS.indexOf("table")];
      if (table.isString() && !STREAMS_TABLE.equals(table.text())) {
        return Optional.empty();
      }
      long position = source[SOURCE_FIELDS.indexOf("lsn")].nonNegativeLong("lsn");
      Instant committedAt =
          Instant.ofEpochMilli(source[SOURCE_FIELDS.indexOf("ts_ms")].nonNegativeLong("ts_ms"));
      String operation = op.string("op");
      // A snapshot row ('r') carries the slot's consistent point: it is the row as it was just
      // before that position. The slot's first change can start at that very position, so the
      // snapshot row takes the version one below, and that change stays newer than it.
      long version = "r".equals(operation) ? Math.max(0, position - 1) : position;
      return Optional.of(
          switch (operation) {
            case "c", "u", "r" -> {
              ViewerCount row = viewerCount(object(after, "after"), version, committedAt);
              yield new StreamChange(row.streamId(), version, committedAt, row);
            }
            case "d" ->
                new StreamChange(streamId(object(before, "before")), version, committedAt, null);
            default -> throw new MalformedChangeException("unknown op '" + operation + "'");
          });
    }

    /** Debezium's heartbeat record: {@code {"ts_ms": ...}} and nothing else. */
    private boolean isHeartbeat() {
      return fields == 1 && integralTsMs;
    }

    private static Value[] object(Value[] fields, String name) {
      if (fields == null) {
        throw new MalformedChangeException("missing " + name);
      }
      if (fields.length == 0) {
        throw new MalformedChangeException(name + " is not an object");
      }
      return fields;
    }

    private static ViewerCount viewerCount(Value[] row, long version, Instant committedAt) {
      Value count = row[ROW_FIELDS.indexOf("viewer_count")].present("viewer_count");
      if (!count.isIntegral() || count.number() < 0 || count.number() > Integer.MAX_VALUE) {
        throw new MalformedChangeException("viewer_count is not a count: " + count);
      }
      Value live = row[ROW_FIELDS.indexOf("is_live")].present("is_live");
      if (!live.isBoolean()) {
        throw new MalformedChangeException("is_live is not a boolean: " + live);
      }
      return new ViewerCount(
          streamId(row),
          (int) count.number(),
          live.token() == JsonToken.VALUE_TRUE,
          row[ROW_FIELDS.indexOf("ended_at")].instantOrNull("ended_at"),
          version,
          committedAt);
    }

    private static String streamId(Value[] row) {
      String id = row[ROW_FIELDS.indexOf("id")].string("id");
      if (id.isBlank()) {
        throw new MalformedChangeException("id is blank");
      }
      return id;
    }
  }

  /**
   * One field's value as the parser saw it: its token, its text, and its number when it is an
   * integer that fits a long. A nested object or array is skipped, not kept.
   */
  private record Value(JsonToken token, String text, long number, boolean isLong) {

    static final Value MISSING = new Value(null, "missing", 0, false);

    /** The current value; nested values are skipped. */
    static Value read(JsonParser parser, JsonToken token) {
      if (token.isStructStart()) {
        parser.skipChildren();
        return new Value(token, token == JsonToken.START_OBJECT ? "{...}" : "[...]", 0, false);
      }
      boolean isLong =
          token == JsonToken.VALUE_NUMBER_INT
              && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
      return new Value(token, parser.getText(), isLong ? parser.getLongValue() : 0, isLong);
    }

    /**
     * The values of the named fields of the current object, in the order of {@code names} ({@link
     * #MISSING} for an absent one); null for JSON null, and an empty array for a value that is not
     * an object.
     */
    static Value[] object(JsonParser parser, JsonToken token, List<String> names) {
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return new Value[0];
      }
      Value[] values = new Value[names.size()];
      Arrays.fill(values, MISSING);
      for (String name = parser.nextName(); name != null; name = parser.nextName()) {
        JsonToken valueToken = parser.nextToken();
        int index = names.indexOf(name);
        if (index >= 0) {
          values[index] = read(parser, valueToken);
        } else {
          parser.skipChildren();
        }
      }
      return values;
    }

    boolean isMissing() {
      return token == null || token == JsonToken.VALUE_NULL;
    }

    boolean isString() {
      return token == JsonToken.VALUE_STRING;
    }

    boolean isIntegral() {
      return isLong;
    }

    boolean isBoolean() {
      return token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
    }

    Value present(String name) {
      if (isMissing()) {
        throw new MalformedChangeException("missing " + name);
      }
      return this;
    }

    String string(String name) {
      if (!present(name).isString()) {
        throw new MalformedChangeException(name + " is not a string");
      }
      return text;
    }

    long nonNegativeLong(String name) {
      if (!present(name).isIntegral() || number < 0) {
        throw new MalformedChangeException(name + " is not a non-negative integer: " + this);
      }
      return number;
    }

    /** Debezium writes timestamptz columns as ISO-8601 strings with an offset (ZonedTimestamp). */
    Instant instantOrNull(String name) {
      if (isMissing()) {
        return null;
      }
      if (!isString()) {
        throw new MalformedChangeException(name + " is not a timestamp: " + this);
      }
      try {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
      } catch (DateTimeParseException e) {
        throw new MalformedChangeException(name + " is not a timestamp: " + this);
      }
    }

    /** The value as it was written in the event (a string in quotes). */
    @Override
    public String toString() {
      return isString() ? '"' + text + '"' : text;
    }
  }

  /** A record on the CDC topic that is not a well-formed change of a streams row. */
  static final class MalformedChangeException extends RuntimeException {
    MalformedChangeException(String message) {
      super(message, null, false, false);
    }
  }
}
