package io.viewercounts.poller.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmptyListRuleTest {

  final EmptyListRule rule = new EmptyListRule(3);

  @Test
  void believesAListWithStreams() {
    assertThat(rule.doubt(4)).isEmpty();
  }

  @Test
  void doubtsAnEmptyListAfterOneWithStreamsUntilConfirmed() {
    rule.doubt(4);

    assertThat(rule.doubt(0)).hasValueSatisfying(why -> assertThat(why).contains("after 4 streams"));
    assertThat(rule.doubt(0)).hasValueSatisfying(why -> assertThat(why).contains("2 so far"));
    assertThat(rule.doubt(0)).isEmpty();
  }

  @Test
  void keepsBelievingEmptyListsOnceConfirmed() {
    rule.doubt(4);
    rule.doubt(0);
    rule.doubt(0);
    rule.doubt(0);

    assertThat(rule.doubt(0)).isEmpty();
  }

  @Test
  void doubtsTheFirstListItSeesWhenItIsEmpty() {
    assertThat(rule.doubt(0))
        .hasValueSatisfying(why -> assertThat(why).contains("after no list seen yet"));
  }

  @Test
  void aListWithStreamsInBetweenStartsTheCountAgain() {
    rule.doubt(4);
    rule.doubt(0);
    rule.doubt(0);
    rule.doubt(4);

    assertThat(rule.doubt(0)).hasValueSatisfying(why -> assertThat(why).contains("1 so far"));
  }

  @Test
  void forgettingDoubtsTheNextEmptyListAgain() {
    rule.doubt(0);
    rule.doubt(0);
    rule.doubt(0);

    rule.forget();

    assertThat(rule.doubt(0)).isPresent();
  }

  @Test
  void oneConfirmationBelievesAtOnce() {
    EmptyListRule credulous = new EmptyListRule(1);
    credulous.doubt(4);

    assertThat(credulous.doubt(0)).isEmpty();
  }

  @Test
  void refusesZeroConfirmations() {
    assertThatThrownBy(() -> new EmptyListRule(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
