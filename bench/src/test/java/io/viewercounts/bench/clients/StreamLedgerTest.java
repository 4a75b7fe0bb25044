package io.viewercounts.bench.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamLedgerTest {

  private final StreamLedger ledger = new StreamLedger(List.of("abc", "abcd"));

  @Test
  void takesTheCountOfANewerVersion() {
    assertThat(receive("abc", 12, 100)).isEqualTo(12);
    assertThat(receive("abc", 15, 101)).isEqualTo(15);

    assertThat(ledger.lastCount("abc")).isEqualTo(15);
    assertThat(ledger.backwards).isZero();
  }

  @Test
  void countsAnOlderVersionAsGoingBackwardsAndKeepsTheNewerCount() {
    receive("abc", 15, 101);

    assertThat(receive("abc", 12, 100)).isEqualTo(-1);
    assertThat(ledger.backwards).isEqualTo(1);
    assertThat(ledger.lastCount("abc")).isEqualTo(15);
  }

  @Test
  void countsARepeatedVersionApartFromGoingBackwards() {
    receive("abc", 15, 101);
    receive("abc", 15, 101);

    assertThat(ledger.repeats).isEqualTo(1);
    assertThat(ledger.backwards).isZero();
  }

  @Test
  void keepsStreamsWhoseIdsShareAPrefixApart() {
    receive("abcd", 7, 5);

    assertThat(ledger.lastCount("abcd")).isEqualTo(7);
    assertThat(ledger.lastCount("abc")).isEqualTo(-1);
  }

  @Test
  void countsAStreamNeverSubscribedToAsBroken() {
    assertThat(receive("other", 3, 1)).isEqualTo(-1);
    assertThat(ledger.backwards).isEqualTo(1);
  }

  @Test
  void holdsOnlyWhenEveryExpectedStreamEndedWithItsCount() {
    receive("abc", 15, 101);
    receive("abcd", 7, 5);

    assertThat(ledger.holds(Map.of("abc", 15L, "abcd", 7L))).isTrue();
    assertThat(ledger.holds(Map.of("abc", 16L))).isFalse();
    assertThat(ledger.holds(Map.of("unwatched", 1L))).isTrue();
  }

  private long receive(String stream, int count, long version) {
    byte[] frame = ("{\"type\":\"viewer_count\",\"streamId\":\"" + stream + "\",\"viewerCount\":"
            + count + ",\"isLive\":true,\"endedAt\":null,\"version\":" + version + "}")
        .getBytes(StandardCharsets.UTF_8);
    return ledger.receive(frame, frame.length);
  }
}
