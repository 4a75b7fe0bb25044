package io.viewercounts.broadcaster.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.junit.jupiter.api.Test;

class JettyTransportTest {

  /** A session whose writes wait until the test completes them, as to a client that reads not. */
  private static final class StuckSession extends CoreSession.Empty {
    final List<OutgoingEntry> writes = new ArrayList<>();
    boolean aborted;

    @Override
    public void sendFrame(OutgoingEntry entry) {
      writes.add(entry);
    }

    @Override
    public void abort() {
      aborted = true;
    }
  }

  private final StuckSession session = new StuckSession();
  private final JettyTransport transport = new JettyTransport(session);
  private final List<Throwable> outcomes = new ArrayList<>();

  @Test
  void aWriteOlderThanTheDeadlineFailsAsTimedOutAndAbortsTheConnection() {
    transport.send(text("{}"), outcomes::add);

    transport.expireWriteStartedBefore(System.nanoTime() + 1);

    assertThat(outcomes).singleElement().isInstanceOf(SocketTimeoutException.class);
    assertThat(session.aborted).isTrue();
  }

  @Test
  void aWriteYoungerThanTheDeadlineIsLeftAlone() {
    long deadline = System.nanoTime();
    transport.send(text("{}"), outcomes::add);

    transport.expireWriteStartedBefore(deadline);

    assertThat(outcomes).isEmpty();
    assertThat(session.aborted).isFalse();
  }

  @Test
  void anExpiredWriteThatCompletesLaterIsReportedOnlyOnce() {
    transport.send(text("{}"), outcomes::add);
    transport.expireWriteStartedBefore(System.nanoTime() + 1);

    session.writes.get(0).getCallback().succeeded();

    assertThat(outcomes).hasSize(1);
  }

  @Test
  void aCompletedWriteNeverExpires() {
    transport.send(text("{}"), outcomes::add);
    session.writes.get(0).getCallback().succeeded();

    transport.expireWriteStartedBefore(System.nanoTime() + 1);

    assertThat(outcomes).containsExactly((Throwable) null);
    assertThat(session.aborted).isFalse();
  }

  private static ByteBuffer text(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
  }
}
