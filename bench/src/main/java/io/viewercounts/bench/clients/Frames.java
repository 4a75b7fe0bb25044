package io.viewercounts.bench.clients;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Client-to-server WebSocket frames: always masked (RFC 6455), here with a zero key. */
final class Frames {

  private static final int FIN = 0x80;
  private static final int MASKED = 0x80;

  private Frames() {}

  static ByteBuffer text(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return frame(0x1, bytes, bytes.length);
  }

  static ByteBuffer pong(byte[] payload, int length) {
    return frame(0xA, payload, length);
  }

  private static ByteBuffer frame(int opcode, byte[] payload, int length) {
    ByteBuffer frame = ByteBuffer.allocate(length + 8);
    frame.put((byte) (FIN | opcode));
    if (length < 126) {
      frame.put((byte) (MASKED | length));
    } else {
      frame.put((byte) (MASKED | 126)).putShort((short) length);
    }
    frame.putInt(0); // the masking key: XOR with zero leaves the payload as it is
    frame.put(payload, 0, length);
    return frame.flip();
  }
}
