package io.viewercounts.bench.clients;

import java.nio.charset.StandardCharsets;

/**
 * Reads the three fields a load client needs out of a server text frame, straight from its bytes:
 * the broadcaster writes {@code {"type":"viewer_count","streamId":"..","viewerCount":N,...,
 * "version":V}} and the load clients must not be the bottleneck, so no JSON parser.
 */
final class CountFrame {

  private static final byte[] COUNT_TYPE = ascii("{\"type\":\"viewer_count\"");
  private static final byte[] STREAM_FIELD = ascii("\"streamId\":\"");
  private static final byte[] COUNT_FIELD = ascii("\"viewerCount\":");
  private static final byte[] VERSION_FIELD = ascii("\"version\":");

  private CountFrame() {}

  static boolean isCount(byte[] frame, int length) {
    return indexOf(frame, length, COUNT_TYPE, 0) == 0;
  }

  /** Whether the frame's stream id is exactly {@code id}. */
  static boolean hasStream(byte[] frame, int length, byte[] id) {
    int at = indexOf(frame, length, STREAM_FIELD, 0);
    if (at < 0) {
      return false;
    }
    int start = at + STREAM_FIELD.length;
    if (start + id.length >= length || frame[start + id.length] != '"') {
      return false;
    }
    for (int i = 0; i < id.length; i++) {
      if (frame[start + i] != id[i]) {
        return false;
      }
    }
    return true;
  }

  static long viewerCount(byte[] frame, int length) {
    return number(frame, length, COUNT_FIELD);
  }

  static long version(byte[] frame, int length) {
    return number(frame, length, VERSION_FIELD);
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static long number(byte[] frame, int length, byte[] field) {
    int at = indexOf(frame, length, field, 0);
    if (at < 0) {
      return Long.MIN_VALUE;
    }
    long value = 0;
    boolean negative = false;
    for (int k = at + field.length; k < length; k++) {
      byte b = frame[k];
      if (b == '-') {
        negative = true;
      } else if (b >= '0' && b <= '9') {
        value = value * 10 + (b - '0');
      } else {
        break;
      }
    }
    return negative ? -value : value;
  }

  private static int indexOf(byte[] frame, int length, byte[] field, int from) {
    outer:
    for (int i = from; i + field.length <= length; i++) {
      for (int j = 0; j < field.length; j++) {
        if (frame[i + j] != field[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
