package io.viewercounts.standalone.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viewercounts.standalone.deployment.PromQl.Selector;
import io.viewercounts.standalone.deployment.PromQl.Selector.Matcher;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void findsEveryMetricWithItsLabelMatchers() {
    List<Selector> selectors =
        PromQl.selectors(
            "sum by (instance) (rate(a_total{reason=~\"x|y\", kind!=\"z\"}[5m])) * 60"
                + " > 0.05 * clamp_min(sum by (instance) (b), 100)");

    assertThat(selectors)
        .containsExactly(
            new Selector(
                "a_total",
                List.of(new Matcher("reason", "=~", "x|y"), new Matcher("kind", "!=", "z"))),
            new Selector("b", List.of()));
  }

  @Test
  void groupingLabelsKeywordsNumbersAndRangesAreNoMetrics() {
    assertThat(
            PromQl.selectors(
                "(sum(a) or vector(0)) != 1 and on () max without (slot) (b[$__rate_interval]) > 1e9"))
        .extracting(Selector::metric)
        .containsExactly("a", "b");
  }

  @Test
  void aBraceInsideALabelValueDoesNotEndTheMatchers() {
    assertThat(PromQl.selectors("a{path=\"/x{y}\"}"))
        .containsExactly(new Selector("a", List.of(new Matcher("path", "=", "/x{y}"))));
  }

  @Test
  void matchersItCannotReadAreRefused() {
    assertThatThrownBy(() -> PromQl.selectors("a{kind=unquoted}"))
        .hasMessageContaining("cannot read label matchers");
  }
}
