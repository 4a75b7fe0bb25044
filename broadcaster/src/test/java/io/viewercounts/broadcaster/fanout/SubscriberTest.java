package io.viewercounts.broadcaster.fanout;

import static io.viewercounts.broadcaster.fanout.Minutes.minute;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.viewercounts.events.ViewerCount;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubscriberTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Hub hub = new Hub(registry);

  @Test
  void subscribeSendsSubscribedThenTheSnapshotOfKnownStreams() {
    hub.publish(count("a", 3, 10));
    FakeTransport client = FakeTransport.immediate();

    new Subscriber(client, hub, 10).subscribe(List.of("a", "unknown"));

    assertThat(client.sent())
        .containsExactly(
            "{\"type\":\"subscribed\",\"streamIds\":[\"a\",\"unknown\"]}",
            "{\"type\":\"viewer_count\",\"streamId\":\"a\",\"name\":null,\"viewerCount\":3,"
                + "\"isLive\":true,"
                + "\"endedAt\":null,\"version\":10}");
  }

  @Test
  void conflationKeepsOnlyTheLatestUnsentFramePerStream() {
    FakeTransport client = FakeTransport.onDemand();
    Subscriber subscriber = new Subscriber(client, hub, 10);
    subscriber.subscribe(List.of("a", "b")); // "subscribed" is now in flight

    hub.publish(count("a", 1, 1));
    hub.publish(count("b", 1, 1));
    hub.publish(count("a", 2, 2));
    hub.publish(count("a", 3, 3));
    client.completeAll();

    assertThat(client.versionsOf("a")).containsExactly(3L);
    assertThat(client.versionsOf("b")).containsExactly(1L);
    assertThat(conflated()).isEqualTo(2);
  }

  @Test
  void aStreamKeepsItsPlaceInTheQueueWhenItsFrameIsReplaced() {
    FakeTransport client = FakeTransport.onDemand();
    new Subscriber(client, hub, 10).subscribe(List.of("a", "b"));

    hub.publish(count("a", 1, 1));
    hub.publish(count("b", 1, 1));
    hub.publish(count("a", 2, 2));
    client.completeAll();

    assertThat(client.frames().stream().skip(1).map(frame -> frame.get("streamId").stringValue()))
        .containsExactly("a", "b");
  }

  @Test
  void controlFramesGoBeforePendingCounts() {
    FakeTransport client = FakeTransport.onDemand();
    Subscriber subscriber = new Subscriber(client, hub, 10);
    subscriber.subscribe(List.of("a"));
    hub.publish(count("a", 1, 1));

    subscriber.sendError("bad_request", "not valid JSON");
    client.completeAll();

    assertThat(client.frames().stream().map(frame -> frame.get("type").stringValue()))
        .containsExactly("subscribed", "error", "viewer_count");
  }

  @Test
  void aSnapshotValueAlreadySentIsNotSentAgain() {
    FakeTransport client = FakeTransport.immediate();
    Subscriber subscriber = new Subscriber(client, hub, 10);
    subscriber.subscribe(List.of("a"));
    hub.publish(count("a", 5, 20));

    subscriber.subscribe(List.of("a", "b")); // "a" again: its snapshot is version 20 again

    assertThat(client.versionsOf("a")).containsExactly(20L);
  }

  @Test
  void tooManySubscriptionsSubscribeNothing() {
    FakeTransport client = FakeTransport.immediate();
    Subscriber subscriber = new Subscriber(client, hub, 3);
    subscriber.subscribe(List.of("a", "b"));

    boolean subscribed = subscriber.subscribe(List.of("b", "c", "d"));

    assertThat(subscribed).isFalse();
    assertThat(subscriber.subscriptions()).containsExactlyInAnyOrder("a", "b");
    assertThat(client.sent()).hasSize(1);
  }

  @Test
  void subscribingAgainToSubscribedStreamsDoesNotCountTwice() {
    Subscriber subscriber = new Subscriber(FakeTransport.immediate(), hub, 2);
    subscriber.subscribe(List.of("a", "b"));

    assertThat(subscriber.subscribe(List.of("a", "b", "a"))).isTrue();
    assertThat(hub.subscriptions()).isEqualTo(2);
  }

  @Test
  void unsubscribeStopsUpdatesAndDropsThePendingFrame() {
    FakeTransport client = FakeTransport.onDemand();
    Subscriber subscriber = new Subscriber(client, hub, 10);
    subscriber.subscribe(List.of("a"));
    hub.publish(count("a", 1, 1)); // pending behind "subscribed"

    subscriber.unsubscribe(List.of("a", "never-subscribed"));
    client.completeNext();
    hub.publish(count("a", 2, 2));

    assertThat(client.versionsOf("a")).isEmpty();
    assertThat(hub.subscriptions()).isZero();
  }

  @Test
  void resubscribingSendsTheCurrentValueAgain() {
    hub.publish(count("a", 1, 1));
    FakeTransport client = FakeTransport.immediate();
    Subscriber subscriber = new Subscriber(client, hub, 10);
    subscriber.subscribe(List.of("a"));
    subscriber.unsubscribe(List.of("a"));

    subscriber.subscribe(List.of("a"));

    assertThat(client.versionsOf("a")).containsExactly(1L, 1L);
  }

  @Test
  void everythingQueuedBehindTheSendInFlightGoesOutTogetherInTheNext() {
    FakeTransport client = FakeTransport.onDemand();
    Subscriber subscriber = new Subscriber(client, hub, 10);
    subscriber.subscribe(List.of("a", "b", "c")); // "subscribed" in flight
    hub.publish(count("a", 1, 1));
    hub.publish(count("b", 2, 1));
    subscriber.sendError("bad_request", "not valid JSON");

    client.completeAll();

    assertThat(client.types()).containsExactly("subscribed", "error", "viewer_count", "viewer_count");
    assertThat(client.writes()).isEqualTo(2);
    assertThat(delivered()).isEqualTo(2);
  }

  @Test
  void aPingWaitsForTheSendInFlight() {
    FakeTransport client = FakeTransport.onDemand();
    Subscriber subscriber = new Subscriber(client, hub, 10);
    subscriber.subscribe(List.of("a"));

    subscriber.ping();
    subscriber.ping();
    assertThat(client.pings()).isZero();
    client.completeNext();

    assertThat(client.pings()).isEqualTo(1);
  }

  @Test
  void aSendTimeoutClosesTheConnectionAsTooSlowAndLeavesTheHub() {
    FakeTransport client = FakeTransport.onDemand();
    Subscriber subscriber = new Subscriber(client, hub, 10);
    subscriber.subscribe(List.of("a"));

    client.failNext(new SocketTimeoutException());

    assertThat(client.closeCode()).isEqualTo(4008);
    assertThat(subscriber.closedWith()).isEqualTo(ServerClose.SLOW_CLIENT);
    assertThat(hub.subscriptions()).isZero();
  }

  @Test
  void aClientThatLeavesControlFramesUnreadIsClosed() {
    FakeTransport client = FakeTransport.onDemand();
    Subscriber subscriber = new Subscriber(client, hub, 10);

    IntStream.rangeClosed(0, Subscriber.MAX_QUEUED_CONTROL_FRAMES + 1)
        .forEach(i -> subscriber.sendError("bad_request", "not valid JSON"));

    assertThat(client.closeCode()).isEqualTo(ServerClose.SLOW_CLIENT.code());
  }

  @Test
  void nothingIsQueuedAfterTheConnectionIsGone() {
    FakeTransport client = FakeTransport.immediate();
    Subscriber subscriber = new Subscriber(client, hub, 10);
    subscriber.subscribe(List.of("a"));

    subscriber.disconnected();
    hub.publish(count("a", 1, 1));
    subscriber.sendError("bad_request", "late");
    subscriber.ping();

    assertThat(client.sent()).hasSize(1);
    assertThat(client.pings()).isZero();
    assertThat(hub.subscriptions()).isZero();
  }

  private double delivered() {
    return registry.get("viewercounts.broadcaster.messages.delivered").counter().count();
  }

  private double conflated() {
    return registry.get("viewercounts.broadcaster.messages.conflated").counter().count();
  }

  @Test
  void subscribeWithHistorySendsEachStreamsHistoryAfterTheSnapshot() {
    hub.publish(count("a", 3, 10));
    hub.publishMinute(minute("a", 0, 5, 4));
    FakeTransport client = FakeTransport.immediate();

    new Subscriber(client, hub, 10).subscribe(List.of("a", "b"), true);

    assertThat(client.types()).containsExactly("subscribed", "viewer_count", "history");
    assertThat(client.frames().get(2).get("peak").toString()).isEqualTo("[5]");
  }

  @Test
  void subscribeWithoutHistoryGetsNoneThenOrWhenAMinuteCloses() {
    hub.publishMinute(minute("a", 0, 5, 4));
    FakeTransport client = FakeTransport.immediate();
    new Subscriber(client, hub, 10).subscribe(List.of("a"));

    hub.publishMinute(minute("a", 1, 6, 5));

    assertThat(client.types()).containsExactly("subscribed");
  }

  @Test
  void aClosedMinuteSendsTheNewHistoryToSubscribersThatAskedForIt() {
    FakeTransport client = FakeTransport.immediate();
    new Subscriber(client, hub, 10).subscribe(List.of("a"), true);

    hub.publishMinute(minute("a", 0, 5, 4));
    hub.publishMinute(minute("a", 1, 6, 5));

    assertThat(client.types()).containsExactly("subscribed", "history", "history");
    assertThat(client.frames().get(2).get("peak").toString()).isEqualTo("[5,6]");
  }

  @Test
  void anUnsentHistoryIsReplacedByTheNewerOneAndCountsGoFirst() {
    FakeTransport client = FakeTransport.onDemand();
    new Subscriber(client, hub, 10).subscribe(List.of("a"), true); // "subscribed" in flight

    hub.publishMinute(minute("a", 0, 5, 4));
    hub.publishMinute(minute("a", 1, 6, 5));
    hub.publish(count("a", 7, 1));
    client.completeAll();

    assertThat(client.types()).containsExactly("subscribed", "viewer_count", "history");
    assertThat(client.frames().get(2).get("peak").toString()).isEqualTo("[5,6]");
  }

  @Test
  void aStreamSubscribedAgainWithHistoryGetsItFromThenOn() {
    hub.publishMinute(minute("a", 0, 5, 4));
    FakeTransport client = FakeTransport.immediate();
    Subscriber subscriber = new Subscriber(client, hub, 10);
    subscriber.subscribe(List.of("a"));

    subscriber.subscribe(List.of("a"), true);
    hub.publishMinute(minute("a", 1, 6, 5));

    assertThat(client.types()).containsExactly("subscribed", "subscribed", "history", "history");
  }

  @Test
  void unsubscribeDropsAnUnsentHistory() {
    FakeTransport client = FakeTransport.onDemand();
    Subscriber subscriber = new Subscriber(client, hub, 10);
    subscriber.subscribe(List.of("a"), true); // "subscribed" in flight
    hub.publishMinute(minute("a", 0, 5, 4));

    subscriber.unsubscribe(List.of("a"));
    client.completeAll();

    assertThat(client.types()).containsExactly("subscribed");
  }

  static ViewerCount count(String streamId, int viewers, long version) {
    return new ViewerCount(streamId, null, viewers, true, null, version, null);
  }
}
