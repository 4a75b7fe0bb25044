package io.viewercounts.broadcaster.ws;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Joins the frames of one client text message. Most messages come in one frame and are decoded
 * straight from it; the bytes of a fragmented one are kept here only until its last frame, and a
 * message over the limit is refused as soon as it is.
 */
final class TextMessage {

  private final int maxBytes;
  private byte[] partial; // null between messages
  private int length;
  private boolean refusing; // the rest of a refused message is still arriving

  TextMessage(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Adds a frame's payload; returns the whole message once its last frame is in, or null before
   * (and for the frames of a refused message that arrive after it was refused).
   *
   * @throws TooLargeException as soon as the message exceeds the limit
   * @throws CharacterCodingException when the whole message is not valid UTF-8
   */
  String add(ByteBuffer payload, boolean last)
      throws TooLargeException, CharacterCodingException {
    if (refusing) {
      refusing = !last;
      return null;
    }
    int size = payload == null ? 0 : payload.remaining();
    if (length + size > maxBytes) {
      partial = null;
      length = 0;
      refusing = !last;
      throw new TooLargeException();
    }
    if (partial == null && last) {
      return decode(payload == null ? ByteBuffer.allocate(0) : payload);
    }
    if (partial == null) {
      partial = new byte[Math.max(size * 2, 256)];
    } else if (partial.length < length + size) {
      int grown = Math.min(maxBytes, Math.max(partial.length * 2, length + size));
      partial = Arrays.copyOf(partial, grown);
    }
    if (size > 0) {
      payload.get(partial, length, size);
      length += size;
    }
    if (!last) {
      return null;
    }
    ByteBuffer whole = ByteBuffer.wrap(partial, 0, length);
    partial = null;
    length = 0;
    return decode(whole);
  }

  private static String decode(ByteBuffer utf8) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(utf8)
        .toString();
  }

  /** A client message over the size limit. */
  static final class TooLargeException extends Exception {
    TooLargeException() {
      super("message too large", null, false, false);
    }
  }
}
