package io.viewercounts.cdc.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which open transactions DepartedInstanceFencer fences: those of processes not in the group. */
class DepartedTransactionsTest {

  private static final String APP = "viewercount-topology";
  private static final String LIVE = "0b0d3a4e-5f66-4c1a-9a53-0e2f7f4f1a01";
  private static final String DEAD = "7c1e9b2a-1d34-4e8f-8b6a-2a9d3c4e5f60";

  @Test
  void aTransactionOfAProcessWithNoMemberInTheGroupIsDeparted() {
    List<String> departed =
        DepartedInstanceFencer.departed(
            APP,
            List.of(APP + "-" + LIVE + "-StreamThread-1-consumer"),
            List.of(APP + "-" + LIVE + "-1", APP + "-" + DEAD + "-1", APP + "-" + DEAD + "-2"));

    assertThat(departed).containsExactly(APP + "-" + DEAD + "-1", APP + "-" + DEAD + "-2");
  }

  @Test
  void withNoMemberLeftEveryTransactionOfTheApplicationIsDeparted() {
    assertThat(DepartedInstanceFencer.departed(APP, List.of(), List.of(APP + "-" + DEAD + "-1")))
        .containsExactly(APP + "-" + DEAD + "-1");
  }

  @Test
  void transactionsNotNamedLikeStreamsAreLeftAlone() {
    List<String> open =
        List.of(APP + "-capture", APP + "-" + DEAD, APP + "-" + DEAD + "-x", "other-" + DEAD + "-1");

    assertThat(DepartedInstanceFencer.departed(APP, List.of(), open)).isEmpty();
  }

  @Test
  void aMemberWhoseClientIdDoesNotNameItsProcessStopsAllFencing() {
    List<String> departed =
        DepartedInstanceFencer.departed(
            APP,
            List.of(APP + "-" + LIVE + "-StreamThread-1-consumer", "custom-StreamThread-1-consumer"),
            List.of(APP + "-" + DEAD + "-1"));

    assertThat(departed).isEmpty();
  }

  @Test
  void anApplicationIdWithRegexCharactersIsTakenLiterally() {
    String app = "a.b+c";

    assertThat(DepartedInstanceFencer.departed(app, List.of(), List.of("aXb+c-" + DEAD + "-1")))
        .isEmpty();
    assertThat(DepartedInstanceFencer.departed(app, List.of(), List.of(app + "-" + DEAD + "-1")))
        .containsExactly(app + "-" + DEAD + "-1");
  }
}
