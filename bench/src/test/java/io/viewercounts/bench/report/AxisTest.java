package io.viewercounts.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AxisTest {

  @Test
  void endsAtTheFirstRoundStepPastTheLargestValue() {
    Axis axis = Axis.upTo(87, 5);

    assertThat(axis.step()).isEqualTo(20);
    assertThat(axis.ticks()).containsExactly(0.0, 20.0, 40.0, 60.0, 80.0, 100.0);
  }

  @Test
  void takesAStepMoreRatherThanAStepTooCoarse() {
    Axis axis = Axis.upTo(103, 5);

    assertThat(axis.step()).isEqualTo(20);
    assertThat(axis.max()).isEqualTo(120);
  }

  @Test
  void keepsAValueThatIsAlreadyRoundAsTheEnd() {
    assertThat(Axis.upTo(0.3, 3).ticks()).hasSize(4);
    assertThat(Axis.upTo(0.3, 3).max()).isEqualTo(0.3, within(1e-12));
  }

  @Test
  void labelsWithTheDecimalsTheStepNeeds() {
    Axis small = Axis.upTo(0.9, 5);
    Axis large = Axis.upTo(43_000, 5);

    assertThat(small.ticks()).extracting(small::label)
        .containsExactly("0.0", "0.2", "0.4", "0.6", "0.8", "1.0");
    assertThat(large.ticks()).extracting(large::label)
        .containsExactly("0", "10,000", "20,000", "30,000", "40,000", "50,000");
  }

  @Test
  void givesASeriesOfZerosAnAxisFromZeroToOne() {
    Axis axis = Axis.upTo(0, 5);

    assertThat(axis.max()).isEqualTo(1);
    assertThat(axis.fraction(0)).isZero();
  }
}
