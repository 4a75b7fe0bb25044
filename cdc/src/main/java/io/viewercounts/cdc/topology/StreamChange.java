package io.viewercounts.cdc.topology;

import io.viewercounts.events.ViewerCount;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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

  /** The fields read of a row; any other column is skipped. */
  private static final Shape ROW = Shape.leaves("id", "name", "viewer_count", "is_live", "ended_at");

  /** The fields read of an event: of {@code source} only the position, time and table. */
  private static final Shape EVENT =
      new Shape(
          Map.of(
              "before",
              ROW,
              "after",
              ROW,
              "source",
              Shape.leaves("lsn", "ts_ms", "table"),
              "op",
              Shape.LEAF,
              "ts_ms",
              Shape.LEAF));

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
    Value event;
    try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
      event = Value.read(parser, parser.nextToken(), EVENT);
    } catch (JacksonException e) {
      throw new MalformedChangeException("not JSON: " + e.getOriginalMessage());
    }
    if (event.token() != JsonToken.START_OBJECT) {
      throw new MalformedChangeException("not a JSON object");
    }
    return isHeartbeat(event) ? Optional.empty() : change(event);
  }

  /** Debezium's heartbeat record: {@code {"ts_ms": ...}} and nothing else. */
  private static boolean isHeartbeat(Value event) {
    return event.size() == 1 && event.field("ts_ms").token() == JsonToken.VALUE_NUMBER_INT;
  }

  private static Optional<StreamChange> change(Value event) {
    Value source = event.object("source");
    Value table = source.field("table");
    if (table.isString() && !STREAMS_TABLE.equals(table.text())) {
      return Optional.empty();
    }
    long position = source.field("lsn").nonNegativeLong("lsn");
    Instant committedAt = Instant.ofEpochMilli(source.field("ts_ms").nonNegativeLong("ts_ms"));
    String op = event.field("op").string("op");
    // A snapshot row ('r') carries the slot's consistent point: it is the row as it was just
    // before that position. The slot's first change can start at that very position, so the
    // snapshot row takes the version one below, and that change stays newer than it.
    long version = "r".equals(op) ? Math.max(0, position - 1) : position;
    return Optional.of(
        switch (op) {
          case "c", "u", "r" -> {
            ViewerCount row = viewerCount(event.object("after"), version, committedAt);
            yield new StreamChange(row.streamId(), version, committedAt, row);
          }
          case "d" ->
              new StreamChange(streamId(event.object("before")), version, committedAt, null);
          default -> throw new MalformedChangeException("unknown op '" + op + "'");
        });
  }

  private static ViewerCount viewerCount(Value row, long version, Instant committedAt) {
    Value count = row.field("viewer_count").present("viewer_count");
    if (!count.isIntegral() || count.number() < 0 || count.number() > Integer.MAX_VALUE) {
      throw new MalformedChangeException("viewer_count is not a count: " + count);
    }
    Value live = row.field("is_live").present("is_live");
    if (!live.isBoolean()) {
      throw new MalformedChangeException("is_live is not a boolean: " + live);
    }
    return new ViewerCount(
        streamId(row),
        row.field("name").stringOrNull("name"),
        (int) count.number(),
        live.token() == JsonToken.VALUE_TRUE,
        row.field("ended_at").instantOrNull("ended_at"),
        version,
        committedAt);
  }

  private static String streamId(Value row) {
    String id = row.field("id").string("id");
    if (id.isBlank()) {
      throw new MalformedChangeException("id is blank");
    }
    return id;
  }

  /** Which fields of an object to keep, and of each its own shape; a leaf keeps no field. */
  private record Shape(Map<String, Shape> fields) {

    static final Shape LEAF = new Shape(Map.of());

    /** An object of which only these fields are kept, none of them an object itself. */
    static Shape leaves(String... names) {
      return new Shape(
          Arrays.stream(names).collect(Collectors.toUnmodifiableMap(name -> name, name -> LEAF)));
    }
  }

  /**
   * One value as the parser saw it: its token, its text, its number when it is an integer that fits
   * a long, and for an object the fields its shape keeps and how many it had. Everything else is
   * skipped, not kept.
   */
  private record Value(
      JsonToken token,
      String text,
      long number,
      boolean isLong,
      Map<String, Value> fields,
      int size) {

    static final Value MISSING = new Value(null, "missing", 0, false, Map.of(), 0);

    /** The value at {@code token}, read as far as {@code shape} asks. */
    static Value read(JsonParser parser, JsonToken token, Shape shape) {
      if (token == JsonToken.START_OBJECT && !shape.fields().isEmpty()) {
        return readObject(parser, shape);
      }
      if (token == null || token.isStructStart()) {
        parser.skipChildren();
        String text = token == JsonToken.START_OBJECT ? "{...}" : token == null ? "" : "[...]";
        return new Value(token, text, 0, false, Map.of(), 0);
      }
      boolean isLong =
          token == JsonToken.VALUE_NUMBER_INT
              && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
      return new Value(
          token, parser.getText(), isLong ? parser.getLongValue() : 0, isLong, Map.of(), 0);
    }

    private static Value readObject(JsonParser parser, Shape shape) {
      Map<String, Value> fields = new HashMap<>();
      int size = 0;
      for (String name = parser.nextName(); name != null; name = parser.nextName()) {
        size++;
        JsonToken token = parser.nextToken();
        Shape field = shape.fields().get(name);
        if (field == null) {
          parser.skipChildren();
        } else {
          fields.put(name, read(parser, token, field));
        }
      }
      return new Value(JsonToken.START_OBJECT, "{...}", 0, false, fields, size);
    }

    /** The named field of this object, {@link #MISSING} when it has none. */
    Value field(String name) {
      return fields.getOrDefault(name, MISSING);
    }

    /** The named field, which must be an object. */
    Value object(String name) {
      Value value = field(name).present(name);
      if (value.token() != JsonToken.START_OBJECT) {
        throw new MalformedChangeException(name + " is not an object");
      }
      return value;
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

    String stringOrNull(String name) {
      return isMissing() ? null : string(name);
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
