package io.viewercounts.broadcaster;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client that never answers pings: a raw socket that does the opening handshake, then
 * only reads frames (every browser and the JDK client answer pings on their own).
 */
final class SilentClient implements AutoCloseable {

  private static final int READ_TIMEOUT_MILLIS = 15_000;
  private static final int OPCODE_CLOSE = 0x8;

  private final Socket socket;
  private final DataInputStream in;

  SilentClient(URI uri) throws IOException {
    socket = new Socket(uri.getHost(), uri.getPort());
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    String key = Base64.getEncoder().encodeToString(new byte[16]); // any 16 bytes
    String handshake =
        "GET "
            + uri.getPath()
            + " HTTP/1.1\r\n"
            + "Host: "
            + uri.getHost()
            + ":"
            + uri.getPort()
            + "\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + key
            + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n";
    socket.getOutputStream().write(handshake.getBytes(StandardCharsets.US_ASCII));
    in = new DataInputStream(socket.getInputStream());
    String response = readHeaders();
    if (!response.startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + response);
    }
  }

  /** Reads frames (pings included) until the server's close frame, and returns its status code. */
  int awaitCloseCode() throws IOException {
    while (true) {
      int opcode = in.readUnsignedByte() & 0x0F;
      int length = in.readUnsignedByte() & 0x7F; // server frames are unmasked
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        throw new IOException("unexpectedly large frame");
      }
      byte[] payload = in.readNBytes(length);
      if (opcode == OPCODE_CLOSE) {
        return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private String readHeaders() throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    while (!headers.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      headers.write(in.readUnsignedByte());
    }
    return headers.toString(StandardCharsets.US_ASCII);
  }
}
