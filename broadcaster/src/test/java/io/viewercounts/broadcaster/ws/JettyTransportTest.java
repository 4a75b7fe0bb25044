package io.viewercounts.broadcaster.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.broadcaster.fanout.EncodedText;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.junit.jupiter.api.Test;

class JettyTransportTest {

  /** Room for a few bytes only: a longer write waits until the test takes the output. */
  private static final int SOCKET_BUFFER = 8;

  /** A session that notes what the transport asks of Jetty's side of the connection. */
  private static final class RecordingSession extends CoreSession.Empty {
    final List<Integer> closes = new ArrayList<>();
    boolean aborted;

    @Override
    public void close(int statusCode, String reason, Callback callback) {
      closes.add(statusCode);
    }

    @Override
    public void abort() {
      aborted = true;
    }
  }

  private final RecordingSession session = new RecordingSession();
  private final ByteArrayEndPoint socket = new ByteArrayEndPoint(new byte[0], SOCKET_BUFFER, false);
  private final JettyTransport transport = new JettyTransport(session, socket);
  private final List<Throwable> outcomes = new ArrayList<>();

  @Test
  void aMessageGoesOutAsItsSharedWebSocketFrameAndCompletesOnTheWritingThread() {
    transport.send(texts("{}"), outcomes::add);

    assertThat(hex(socket.takeOutput())).isEqualTo("8102" + "7b7d");
    assertThat(outcomes).containsExactly((Throwable) null);
  }

  @Test
  void aPingIsAnEmptyPingFrame() {
    transport.ping(outcomes::add);

    assertThat(hex(socket.takeOutput())).isEqualTo("8900");
    assertThat(outcomes).containsExactly((Throwable) null);
  }

  @Test
  void aPongWaitsForTheWriteInFlightThenFollowsIt() {
    transport.send(texts("0123456789"), outcomes::add);

    transport.pong(ByteBuffer.wrap(new byte[] {7}));

    String written = hex(socket.takeOutput()) + hex(socket.takeOutput());
    assertThat(written).endsWith("8a0107");
    assertThat(written).hasSize(2 * (12 + 3));
    assertThat(outcomes).containsExactly((Throwable) null);
  }

  @Test
  void aCloseWaitsForTheWriteInFlight() {
    transport.send(texts("0123456789"), outcomes::add);

    transport.close(1001, "going away");
    assertThat(session.closes).isEmpty();
    socket.takeOutput();
    socket.takeOutput();

    assertThat(session.closes).containsExactly(1001);
    assertThat(outcomes).containsExactly((Throwable) null);
  }

  @Test
  void nothingIsSentOnceTheConnectionCloses() {
    transport.close(1000, "bye");

    transport.send(texts("{}"), outcomes::add);

    assertThat(outcomes).singleElement().isInstanceOf(ClosedChannelException.class);
    assertThat(socket.takeOutput().remaining()).isZero();
  }

  @Test
  void aWriteOlderThanTheDeadlineFailsAsTimedOutAndAbortsTheConnection() {
    transport.send(texts("0123456789"), outcomes::add);

    transport.expireWriteStartedBefore(System.nanoTime() + 1);

    assertThat(outcomes).singleElement().isInstanceOf(SocketTimeoutException.class);
    assertThat(session.aborted).isTrue();
  }

  @Test
  void aWriteYoungerThanTheDeadlineIsLeftAlone() {
    long deadline = System.nanoTime();
    transport.send(texts("0123456789"), outcomes::add);

    transport.expireWriteStartedBefore(deadline);

    assertThat(outcomes).isEmpty();
    assertThat(session.aborted).isFalse();
  }

  @Test
  void anExpiredWriteThatCompletesLaterIsReportedOnlyOnce() {
    transport.send(texts("0123456789"), outcomes::add);
    transport.expireWriteStartedBefore(System.nanoTime() + 1);

    socket.takeOutput();
    socket.takeOutput();

    assertThat(outcomes).hasSize(1);
  }

  @Test
  void aCompletedWriteNeverExpires() {
    transport.send(texts("{}"), outcomes::add);

    transport.expireWriteStartedBefore(System.nanoTime() + 1);

    assertThat(outcomes).containsExactly((Throwable) null);
    assertThat(session.aborted).isFalse();
  }

  @Test
  void queuedMessagesGoOutTogetherInOrder() {
    transport.send(texts("1", "22"), outcomes::add);

    assertThat(hex(socket.takeOutput())).isEqualTo("810131" + "81023232");
    assertThat(outcomes).containsExactly((Throwable) null);
  }

  private static List<EncodedText> texts(String... texts) {
    return Arrays.stream(texts).map(EncodedText::of).toList();
  }

  private static String hex(ByteBuffer bytes) {
    byte[] array = new byte[bytes.remaining()];
    bytes.get(array);
    return HexFormat.of().formatHex(array);
  }
}
