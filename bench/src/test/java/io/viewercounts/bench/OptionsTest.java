package io.viewercounts.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void readsNumbersAndDurations() {
    Options options = Options.parse("--clients", "5_000", "--poll-interval", "500ms");

    assertThat(options.number("clients", 1, 1)).isEqualTo(5_000);
    assertThat(options.duration("poll-interval", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
    assertThat(options.number("rate", 1_000, 1)).isEqualTo(1_000);
  }

  @Test
  void readsACommaSeparatedListWhereABlankOneIsEmptyAndAnAbsentOneTheDefault() {
    Options options = Options.parse("--jvm", "-Xss512k,-XX:+UseSerialGC", "--none", "");

    assertThat(options.list("jvm", List.of("x"))).containsExactly("-Xss512k", "-XX:+UseSerialGC");
    assertThat(options.list("none", List.of("x"))).isEmpty();
    assertThat(options.list("absent", List.of("x"))).containsExactly("x");
  }

  @Test
  void refusesAMisspeltOption() {
    Options options = Options.parse("--client", "5000");

    assertThatThrownBy(() -> options.requireKnown(Set.of("clients")))
        .hasMessageContaining("unknown option(s): --client");
  }

  @Test
  void refusesANumberBelowItsMinimum() {
    assertThatThrownBy(() -> Options.parse("--rate", "0").number("rate", 1, 1))
        .hasMessageContaining("--rate must be at least 1");
  }

  @Test
  void refusesAnOptionWithoutAValue() {
    assertThatThrownBy(() -> Options.parse("--seconds"))
        .hasMessageContaining("--name value pairs");
  }

  @Test
  void letsGivenValuesWinOverAPreset() {
    Options options =
        Options.parse("--rate", "7").withDefaults(Map.of("rate", "100", "seconds", "5"));

    assertThat(options.number("rate", 1, 1)).isEqualTo(7);
    assertThat(options.number("seconds", 60, 1)).isEqualTo(5);
  }
}
