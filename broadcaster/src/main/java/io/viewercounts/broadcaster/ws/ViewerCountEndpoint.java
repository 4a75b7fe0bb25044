package io.viewercounts.broadcaster.ws;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * One WebSocket connection on Jetty's core API: nothing but the frames, our {@link Connection} and
 * a message being joined, so that an idle connection costs little (no servlet request kept, no
 * per-connection method handles or copied handshake headers, as the higher APIs keep). Frames of a
 * connection arrive one at a time; each is handled, then the next is asked for.
 */
final class ViewerCountEndpoint implements FrameHandler {

  private final ViewerCountHandler handler;
  private final SendTimeouts sendTimeouts;
  private final String address;
  private final TextMessage message;
  private CoreSession session;
  private JettyTransport transport;
  private Connection connection; // null: refused at its opening
  private boolean binary; // a binary message is being refused

  ViewerCountEndpoint(
      ViewerCountHandler handler, SendTimeouts sendTimeouts, String address, int maxMessageBytes) {
    this.handler = handler;
    this.sendTimeouts = sendTimeouts;
    this.address = address;
    this.message = new TextMessage(maxMessageBytes);
  }

  @Override
  public void onOpen(CoreSession coreSession, Callback callback) {
    session = coreSession;
    transport =
        new JettyTransport(
            coreSession, ((WebSocketCoreSession) coreSession).getConnection().getEndPoint());
    sendTimeouts.watch(transport);
    connection = handler.opened(address, transport);
    callback.succeeded();
    coreSession.demand();
  }

  /** A refused connection's frames are only read, so that its close completes. */
  @Override
  public void onFrame(Frame frame, Callback callback) {
    if (frame.getOpCode() == OpCode.CLOSE) {
      closedByClient(callback);
      return;
    }
    if (connection != null) {
      handle(frame);
    }
    callback.succeeded();
    session.demand();
  }

  /**
   * The client said goodbye: nothing more is sent to it, and Jetty answers its close (when the
   * callback completes, then reads no more) once our last write is out, as the socket takes one
   * write at a time.
   */
  private void closedByClient(Callback callback) {
    if (connection != null) {
      connection.subscriber().disconnected();
    }
    transport.afterWrites(callback::succeeded);
  }

  @Override
  public void onError(Throwable cause, Callback callback) {
    callback.succeeded(); // onClosed follows
  }

  @Override
  public void onClosed(CloseStatus closeStatus, Callback callback) {
    if (transport != null) { // null: the connection never opened
      sendTimeouts.forget(transport);
    }
    handler.closed(connection, closeStatus.getCode());
    callback.succeeded();
  }

  private void handle(Frame frame) {
    switch (frame.getOpCode()) {
      case OpCode.TEXT -> text(frame.getPayload(), frame.isFin(), false);
      case OpCode.CONTINUATION -> text(frame.getPayload(), frame.isFin(), binary);
      case OpCode.BINARY -> {
        binary = !frame.isFin();
        handler.binaryMessage(connection);
      }
      case OpCode.PING -> pong(frame.getPayload());
      case OpCode.PONG -> connection.heard();
      default -> {} // no other opcode gets past Jetty's parser
    }
  }

  private void text(ByteBuffer payload, boolean last, boolean ofBinary) {
    if (ofBinary) {
      binary = !last;
      return;
    }
    connection.heard();
    String whole;
    try {
      whole = message.add(payload, last);
    } catch (TextMessage.TooLargeException e) {
      handler.messageTooLarge(connection);
      return;
    } catch (CharacterCodingException e) {
      transport.close(CloseStatus.BAD_PAYLOAD, "text is not valid UTF-8");
      return;
    }
    if (whole != null) {
      handler.message(connection, whole);
    }
  }

  /** The payload is the client's, released after this frame: the pong gets a copy. */
  private void pong(ByteBuffer payload) {
    connection.heard();
    ByteBuffer copy = ByteBuffer.allocate(payload == null ? 0 : payload.remaining());
    if (payload != null) {
      copy.put(payload.slice()).flip();
    }
    transport.pong(copy);
  }
}
