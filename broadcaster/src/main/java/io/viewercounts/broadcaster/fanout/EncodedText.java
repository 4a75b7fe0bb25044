package io.viewercounts.broadcaster.fanout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * One server message encoded once: the whole WebSocket text frame a server sends for it (RFC 6455
 * section 5.2: final, text, the payload's length, the payload unmasked) with its UTF-8 payload
 * inside. A server frame is the same bytes on every connection, so a change becomes bytes once
 * and every connection that gets it writes those very bytes, nothing encoded or framed per
 * connection.
 */
public final class EncodedText {

  private static final int FIN_TEXT = 0x81;
  private static final int SHORT_LENGTH_MAX = 125;
  private static final int LENGTH_16 = 126;
  private static final int LENGTH_64 = 127;

  private final ByteBuffer frame;
  private final ByteBuffer utf8;

  private EncodedText(ByteBuffer frame, ByteBuffer utf8) {
    this.frame = frame;
    this.utf8 = utf8;
  }

  /** A message for one connection (a reply to its command). */
  public static EncodedText of(String text) {
    return encode(text, ByteBuffer::allocate);
  }

  /**
   * A message many connections send (a change, a history): in direct memory, which a socket
   * writes as it is, where it would copy heap bytes into a direct buffer of its own at every write.
   */
  public static EncodedText shared(String text) {
    return encode(text, ByteBuffer::allocateDirect);
  }

  private static EncodedText encode(String text, IntFunction<ByteBuffer> allocator) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    int length = payload.length;
    int header = length <= SHORT_LENGTH_MAX ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuffer frame = allocator.apply(header + length);
    frame.put((byte) FIN_TEXT);
    if (length <= SHORT_LENGTH_MAX) {
      frame.put((byte) length);
    } else if (length <= 0xFFFF) {
      frame.put((byte) LENGTH_16).putShort((short) length);
    } else {
      frame.put((byte) LENGTH_64).putLong(length);
    }
    frame.put(payload).flip();
    return new EncodedText(frame.asReadOnlyBuffer(), frame.slice(header, length).asReadOnlyBuffer());
  }

  /** The frame, header and payload, in a read-only view of its own (its position is the caller's). */
  public ByteBuffer webSocketFrame() {
    return frame.duplicate();
  }

  /** The payload, the message's UTF-8 bytes, in a read-only view of its own. */
  public ByteBuffer utf8() {
    return utf8.duplicate();
  }

  /** The message. */
  public String text() {
    return StandardCharsets.UTF_8.decode(utf8()).toString();
  }
}
