package io.debezium.connector.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.config.CommonConnectorConfig;
import io.debezium.connector.postgresql.Module;
import io.debezium.pipeline.Sizeable;
import io.debezium.util.LoggingContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * This project's copy of Debezium's queue between the WAL reader and the engine, which waits out
 * the last millisecond of a poll instead of spinning through it.
 */
class ChangeEventQueueTest {

  private static final int POLLS = 20;

  @Test
  void anEmptyPollWaitsOutItsIntervalWithoutSpinning() throws InterruptedException {
    CountingProvider provider = new CountingProvider();
    ChangeEventQueue<Change> queue = new ChangeEventQueue.Builder<Change>()
        .pollInterval(Duration.ofMillis(5))
        .maxBatchSize(10)
        .maxQueueSize(20)
        .queueProvider(provider)
        .loggingContextSupplier(() -> LoggingContext.forConnector("test", "test", "test"))
        .build();

    for (int i = 0; i < POLLS; i++) {
      assertThat(queue.poll()).isEmpty();
    }

    // A poll looks at the queue once before its wait and once after each wake-up: two waits,
    // the interval and its last millisecond. Debezium's own spins through that millisecond,
    // looking thousands of times.
    assertThat(provider.sizeCalls.get()).isLessThanOrEqualTo(POLLS * 5L);
  }

  @Test
  void aQueuedChangeComesOutOfThePoll() throws InterruptedException {
    ChangeEventQueue<Change> queue = new ChangeEventQueue.Builder<Change>()
        .pollInterval(Duration.ofMillis(5))
        .maxBatchSize(10)
        .maxQueueSize(20)
        .loggingContextSupplier(() -> LoggingContext.forConnector("test", "test", "test"))
        .build();
    Change change = new Change();

    queue.enqueue(change);

    assertThat(queue.poll()).containsExactly(change);
  }

  @Test
  void theQueueLoadedIsThisProjectsCopy() {
    String source = ChangeEventQueue.class.getProtectionDomain().getCodeSource().getLocation()
        .toString();

    assertThat(source).doesNotContain("debezium-connector-common");
  }

  @Test
  void theCopyIsOfTheDebeziumVersionInUse() {
    // On another Debezium version, port the fix to that version's ChangeEventQueue (or drop the
    // copy if Debezium no longer spins), then change this version.
    assertThat(Module.version()).isEqualTo("3.6.1.Final");
  }

  private record Change() implements Sizeable {
    @Override
    public long objectSize() {
      return 1;
    }
  }

  private static final class CountingProvider extends DefaultQueueProvider<Change> {
    final AtomicLong sizeCalls = new AtomicLong();

    CountingProvider() {
      configure(Map.of(CommonConnectorConfig.MAX_QUEUE_SIZE.name(), "20"));
    }

    @Override
    public int size() {
      sizeCalls.incrementAndGet();
      return super.size();
    }
  }
}
