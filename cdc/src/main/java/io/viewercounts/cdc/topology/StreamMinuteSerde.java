package io.viewercounts.cdc.topology;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The minute-statistics store's form of a stream's open minute (and of its changelog): fixed-width
 * fields, since every change and every closed minute of every live stream reads one and writes one.
 *
 * <p>Layout, big-endian: format byte {@code 1}; window start, held-since (8 bytes each); count (4);
 * flags (1: live, live seen); peak, min (4 each); weighted sum, live milliseconds (8 each); changes
 * (4). 50 bytes.
 */
final class StreamMinuteSerde {

  private static final byte FORMAT = 1;
  private static final int LIVE = 1;
  private static final int LIVE_SEEN = 2;
  static final int BYTES = 1 + 8 + 8 + 4 + 1 + 4 + 4 + 8 + 8 + 4;

  private StreamMinuteSerde() {}

  static Serde<StreamMinute> serde() {
    return Serdes.serdeFrom(
        (topic, minute) -> minute == null ? null : encode(minute),
        (topic, bytes) -> bytes == null ? null : decode(bytes));
  }

  static byte[] encode(StreamMinute minute) {
    int flags = (minute.live() ? LIVE : 0) | (minute.liveSeen() ? LIVE_SEEN : 0);
    return ByteBuffer.allocate(BYTES)
        .put(FORMAT)
        .putLong(minute.windowStart())
        .putLong(minute.heldSince())
        .putInt(minute.count())
        .put((byte) flags)
        .putInt(minute.peak())
        .putInt(minute.min())
        .putLong(minute.weightedSum())
        .putLong(minute.liveMillis())
        .putInt(minute.changes())
        .array();
  }

  /**
   * @throws SerializationException for bytes of another form (a store of another application)
   */
  static StreamMinute decode(byte[] bytes) {
    if (bytes.length != BYTES || bytes[0] != FORMAT) {
      throw new SerializationException(
          "not a stored stream minute: "
              + bytes.length
              + " bytes"
              + (bytes.length == 0 ? "" : ", format byte " + bytes[0])
              + "; expected "
              + BYTES
              + " bytes of format "
              + FORMAT);
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
      long windowStart = in.getLong();
      long heldSince = in.getLong();
      int count = in.getInt();
      int flags = in.get();
      return new StreamMinute(
          windowStart,
          heldSince,
          count,
          (flags & LIVE) != 0,
          (flags & LIVE_SEEN) != 0,
          in.getInt(),
          in.getInt(),
          in.getLong(),
          in.getLong(),
          in.getInt());
    } catch (BufferUnderflowException e) {
      throw new SerializationException("not a stored stream minute: " + e.getMessage(), e);
    }
  }
}
