package io.viewercounts.bench.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamPlanTest {

  @Test
  void givesEachClientDifferentStreams() {
    StreamPlan plan = StreamPlan.range("s", 10, 4, 0);

    for (int client = 0; client < 20; client++) {
      assertThat(new HashSet<>(plan.streamsOf(client))).hasSize(4);
    }
  }

  @Test
  void spreadsSubscribersEvenlyOverTheStreams() {
    StreamPlan plan = StreamPlan.range("s", 50, 2, 0);
    Map<String, Integer> subscribers = new HashMap<>();

    for (int client = 0; client < 500; client++) {
      plan.streamsOf(client).forEach(stream -> subscribers.merge(stream, 1, Integer::sum));
    }

    assertThat(subscribers).hasSize(50);
    assertThat(subscribers.values()).containsOnly(20);
  }

  @Test
  void survivesTheTripToAWorker() {
    StreamPlan plan = new StreamPlan(List.of("a-1", "b-2", "c-3"), 2, 7);

    StreamPlan decoded = StreamPlan.decode(plan.encode());

    assertThat(decoded).isEqualTo(plan);
    assertThat(decoded.streamsOf(4)).isEqualTo(plan.streamsOf(4));
  }

  @Test
  void refusesMoreStreamsAClientThanThereAre() {
    assertThatThrownBy(() -> StreamPlan.range("s", 2, 3, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
