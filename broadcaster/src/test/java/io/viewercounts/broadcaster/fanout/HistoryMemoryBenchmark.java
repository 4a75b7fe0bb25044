package io.viewercounts.broadcaster.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.viewercounts.events.MinuteStats;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node's stream histories cost in heap: 100,000 streams live for 40 minutes, so each keeps
 * a full window of 30, measured as live heap after full collections, without and with each
 * stream's history frame encoded (it is encoded only for a stream a client asked the history of).
 * Not part of {@code mvn verify}; run it alone:
 *
 * <pre>
 * mvn -B -pl events,broadcaster test -Dtest=HistoryMemoryBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-XX:+UseSerialGC
 * </pre>
 */
class HistoryMemoryBenchmark {

  private static final Logger log = LoggerFactory.getLogger(HistoryMemoryBenchmark.class);
  private static final int STREAMS = 100_000;
  private static final int MINUTES = 40;

  @Test
  void aHundredThousandStreamsWithThirtyMinutesEach() throws InterruptedException {
    String[] ids = new String[STREAMS];
    for (int i = 0; i < STREAMS; i++) {
      ids[i] = "stream-" + i + "-0123456789abcdef"; // the ids are the counts' too: not counted
    }
    Hub hub = new Hub(new SimpleMeterRegistry(), 1, Hub.DEFAULT_HISTORY_MINUTES);
    long empty = liveHeap();
    for (int minute = 0; minute < MINUTES; minute++) {
      for (String id : ids) {
        hub.publishMinute(Minutes.minute(id, minute, 100 + minute, 95.5));
      }
    }
    long kept = liveHeap();
    for (String id : ids) {
      hub.currentHistory(id).text();
    }
    long encoded = liveHeap();

    assertThat(hub.currentHistory(ids[0]).minutes()).isEqualTo(Hub.DEFAULT_HISTORY_MINUTES);
    log.info(
        "{} streams x {} minutes: {} bytes of heap per stream; {} more with its frame encoded ({}"
            + " characters)",
        STREAMS,
        Hub.DEFAULT_HISTORY_MINUTES,
        (kept - empty) / STREAMS,
        (encoded - kept) / STREAMS,
        hub.currentHistory(ids[0]).text().length());
  }

  private static long liveHeap() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
