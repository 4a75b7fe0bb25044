package io.viewercounts.cdc.topology;

import io.viewercounts.events.ViewerCount;
import io.viewercounts.events.ViewerCountJson;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The state store's form of the last ViewerCount emitted per stream (and of its changelog topic,
 * which only the topology reads): a few fixed-width fields instead of JSON, because every change
 * reads one and writes one, and JSON made that a third of the topology thread's time.
 *
 * <p>Layout, big-endian: format byte {@code 2}; version (8 bytes); viewer count (4); flags (1: live,
 * has end time, has change time, has name); end time and change time when present, each as epoch
 * seconds (8) and nanoseconds (4); the name when present, as its UTF-8 length (4) and bytes; then
 * the stream id in UTF-8 to the end. Format {@code 1}, written before names were carried, is the
 * same without a name, and is still read (with no name); so is the ViewerCount JSON of a store or
 * changelog written by an earlier version (it starts with {@code '{'}).
 */
final class StoredViewerCountSerde {

  private static final byte FORMAT = 2;
  private static final byte FORMAT_WITHOUT_NAME = 1;
  private static final byte JSON_START = '{';
  private static final int LIVE = 1;
  private static final int HAS_ENDED_AT = 2;
  private static final int HAS_CHANGED_AT = 4;
  private static final int HAS_NAME = 8;
  private static final int FIXED_BYTES = 1 + 8 + 4 + 1;
  private static final int INSTANT_BYTES = 8 + 4;

  private StoredViewerCountSerde() {}

  static Serde<ViewerCount> serde() {
    return Serdes.serdeFrom(
        (topic, count) -> count == null ? null : encode(count),
        (topic, bytes) -> bytes == null ? null : decode(bytes));
  }

  static byte[] encode(ViewerCount count) {
    byte[] id = count.streamId().getBytes(StandardCharsets.UTF_8);
    byte[] name = count.name() == null ? null : count.name().getBytes(StandardCharsets.UTF_8);
    int flags =
        (count.isLive() ? LIVE : 0)
            | (count.endedAt() != null ? HAS_ENDED_AT : 0)
            | (count.changedAt() != null ? HAS_CHANGED_AT : 0)
            | (name != null ? HAS_NAME : 0);
    int instants = Integer.bitCount(flags & (HAS_ENDED_AT | HAS_CHANGED_AT));
    int nameBytes = name == null ? 0 : 4 + name.length;
    ByteBuffer out =
        ByteBuffer.allocate(FIXED_BYTES + instants * INSTANT_BYTES + nameBytes + id.length);
    out.put(FORMAT).putLong(count.version()).putInt(count.viewerCount()).put((byte) flags);
    putInstant(out, count.endedAt());
    putInstant(out, count.changedAt());
    if (name != null) {
      out.putInt(name.length).put(name);
    }
    return out.put(id).array();
  }

  /**
   * @throws SerializationException for bytes of neither form (a store of another application)
   */
  static ViewerCount decode(byte[] bytes) {
    if (bytes.length == 0
        || (bytes[0] != FORMAT && bytes[0] != FORMAT_WITHOUT_NAME && bytes[0] != JSON_START)) {
      throw new SerializationException(
          "not a stored ViewerCount: "
              + (bytes.length == 0
                  ? "no bytes"
                  : "format byte " + bytes[0] + ", expected " + FORMAT));
    }
    try {
      if (bytes[0] == JSON_START) {
        return ViewerCountJson.decode(bytes);
      }
      ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
      long version = in.getLong();
      int viewerCount = in.getInt();
      int flags = in.get();
      Instant endedAt = (flags & HAS_ENDED_AT) != 0 ? getInstant(in) : null;
      Instant changedAt = (flags & HAS_CHANGED_AT) != 0 ? getInstant(in) : null;
      String name = bytes[0] == FORMAT && (flags & HAS_NAME) != 0 ? getString(in) : null;
      String streamId = new String(bytes, in.position(), in.remaining(), StandardCharsets.UTF_8);
      return new ViewerCount(
          streamId, name, viewerCount, (flags & LIVE) != 0, endedAt, version, changedAt);
    } catch (BufferUnderflowException
        | IndexOutOfBoundsException
        | IllegalArgumentException
        | DateTimeException e) {
      throw new SerializationException("not a stored ViewerCount: " + e.getMessage(), e);
    }
  }

  private static void putInstant(ByteBuffer out, Instant instant) {
    if (instant != null) {
      out.putLong(instant.getEpochSecond()).putInt(instant.getNano());
    }
  }

  private static String getString(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("a name of " + length + " bytes in " + in.remaining());
    }
    String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return text;
  }

  private static Instant getInstant(ByteBuffer in) {
    return Instant.ofEpochSecond(in.getLong(), in.getInt());
  }
}
