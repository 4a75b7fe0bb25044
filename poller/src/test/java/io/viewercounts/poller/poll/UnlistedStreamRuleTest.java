package io.viewercounts.poller.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnlistedStreamRuleTest {

  private final UnlistedStreamRule rule = new UnlistedStreamRule(3);

  @Test
  void aStreamIsEndedOnlyAfterEnoughListsInARowWithoutIt() {
    assertThat(rule.ended(List.of("a"))).isEmpty();
    assertThat(rule.ended(List.of("a"))).isEmpty();

    assertThat(rule.ended(List.of("a", "b"))).containsExactly("a");
  }

  @Test
  void aStreamListedAgainStartsFromZero() {
    rule.ended(List.of("a"));
    rule.ended(List.of("a"));
    rule.ended(List.of()); // listed again

    assertThat(rule.ended(List.of("a"))).isEmpty();
    assertThat(rule.ended(List.of("a"))).isEmpty();
    assertThat(rule.ended(List.of("a"))).containsExactly("a");
  }

  @Test
  void anEndedStreamIsCountedAfreshIfItIsLiveAndMissingAgain() {
    UnlistedStreamRule atOnce = new UnlistedStreamRule(1);

    assertThat(atOnce.ended(List.of("a"))).containsExactly("a");
    assertThat(atOnce.ended(List.of("a"))).containsExactly("a");
  }

  @Test
  void forgettingStartsEveryCountAgain() {
    rule.ended(List.of("a"));
    rule.ended(List.of("a"));
    rule.forget();

    assertThat(rule.ended(List.of("a"))).isEmpty();
  }

  @Test
  void refusesFewerThanOneConfirmation() {
    assertThatThrownBy(() -> new UnlistedStreamRule(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
