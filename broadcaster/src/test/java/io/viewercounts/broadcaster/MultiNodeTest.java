package io.viewercounts.broadcaster;

import static io.viewercounts.broadcaster.TestKafka.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Nodes that share nothing but the topic, side by side on one Kafka, as behind a balancer. */
class MultiNodeTest {

  private static final Duration ASYNC = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String GATED =
      "--spring.kafka.consumer.properties.interceptor.classes=" + LoadGate.class.getName();

  private static TestKafka kafka;
  private static TestNode first;
  private static TestNode second;

  @BeforeAll
  static void startKafkaAndTwoNodes() {
    kafka = TestKafka.start();
    first = TestNode.start(kafka.bootstrapServers(), 0);
    second = TestNode.start(kafka.bootstrapServers(), 0);
  }

  @AfterEach
  void openTheGate() {
    LoadGate.open();
  }

  @AfterAll
  static void stopAll() {
    first.close();
    second.close();
    kafka.close();
  }

  @Test
  void clientsOnEveryNodeGetTheSameChange() throws Exception {
    awaitReady(first);
    awaitReady(second);
    try (TestClient onFirst = subscribed(first, "shared");
        TestClient onSecond = subscribed(second, "shared")) {

      kafka.produce(count("shared", 12, 1));

      JsonNode fromFirst = onFirst.next();
      assertThat(fromFirst.get("viewerCount").intValue()).isEqualTo(12);
      assertThat(onSecond.next()).isEqualTo(fromFirst);
    }
  }

  @Test
  void aClientOfAStoppedNodeGetsTheCurrentValueFromAnotherAtOnce() throws Exception {
    TestNode leaving = TestNode.start(kafka.bootstrapServers(), 0);
    awaitReady(leaving);
    long seen;
    try (TestClient client = subscribed(leaving, "moving")) {
      kafka.produce(count("moving", 5, 10));
      seen = client.next().get("version").longValue();

      leaving.close();
      client.awaitClosed();
    }
    kafka.produce(count("moving", 6, 11)); // while the client reconnects

    awaitReady(first);
    try (TestClient client = subscribed(first, "moving")) {
      JsonNode current = client.next();
      assertThat(current.get("version").longValue()).isGreaterThanOrEqualTo(seen);
      if (current.get("version").longValue() < 11) {
        current = client.next(); // the change arrived after the snapshot: it is pushed
      }
      assertThat(current.get("viewerCount").intValue()).isEqualTo(6);
    }
  }

  @Test
  void aStoppingNodeClosesItsClientsWithGoingAway() throws Exception {
    TestNode stopping = TestNode.start(kafka.bootstrapServers(), 0);
    awaitReady(stopping);
    try (TestClient client = subscribed(stopping, "leaving")) {
      stopping.close();

      assertThat(client.closeCode()).isEqualTo(1001);
    }
  }

  @Test
  void aRestartedNodeIsReadyOnlyOnceItHasTheCurrentValues() throws Exception {
    TestNode node = TestNode.start(kafka.bootstrapServers(), 0, GATED);
    awaitReady(node);
    node.close();
    for (int version = 1; version <= 100; version++) {
      kafka.send(count("restarting", version, version)); // changes made while it is down
    }
    kafka.flush();

    LoadGate.shut();
    try (TestNode restarted = TestNode.start(kafka.bootstrapServers(), 0, GATED)) {
      // Held while loading: not ready, and nothing stale is served as current.
      JsonNode loading = JSON.readTree(restarted.readiness().body());
      assertThat(restarted.readiness().statusCode()).isEqualTo(503);
      assertThat(loading.at("/components/feed/status").stringValue())
          .isEqualTo("OUT_OF_SERVICE");
      assertThat(TestNode.get(restarted.api("/api/streams/restarting")).statusCode())
          .isEqualTo(404);

      LoadGate.open();
      awaitReady(restarted);

      JsonNode current =
          JSON.readTree(TestNode.get(restarted.api("/api/streams/restarting")).body());
      assertThat(current.get("version").longValue()).isEqualTo(100);
    }
  }

  private static TestClient subscribed(TestNode node, String streamId) throws Exception {
    TestClient client = TestClient.connect(node.ws());
    client.send("{\"type\":\"subscribe\",\"streamIds\":[\"" + streamId + "\"]}");
    assertThat(client.next().get("type").stringValue()).isEqualTo("subscribed");
    return client;
  }

  private static void awaitReady(TestNode node) {
    await().atMost(ASYNC).until(node::isReady);
  }
}
