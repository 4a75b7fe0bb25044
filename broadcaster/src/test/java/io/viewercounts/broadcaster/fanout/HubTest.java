package io.viewercounts.broadcaster.fanout;

import static io.viewercounts.broadcaster.fanout.Minutes.minute;
import static io.viewercounts.broadcaster.fanout.SubscriberTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.viewercounts.events.ViewerCount;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HubTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Hub hub = new Hub(registry);
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void onlyAHigherVersionIsPublished() {
    FakeTransport client = subscribed("a");

    assertThat(hub.publish(count("a", 5, 10))).isTrue();
    assertThat(hub.publish(count("a", 6, 10))).isFalse();
    assertThat(hub.publish(count("a", 7, 9))).isFalse();

    assertThat(hub.current("a")).contains(count("a", 5, 10));
    assertThat(client.versionsOf("a")).containsExactly(10L);
  }

  @Test
  void theFrameIsEncodedOnceForEverySubscriber() {
    FakeTransport first = subscribed("a");
    FakeTransport second = subscribed("a");

    hub.publish(count("a", 5, 10));
    FakeTransport late = subscribed("a");

    EncodedText published = first.sentTexts().get(1);
    assertThat(second.sentTexts().get(1)).isSameAs(published);
    assertThat(late.sentTexts().get(1)).isSameAs(published);
  }

  @Test
  void aTombstoneForgetsTheStreamWithoutTellingClients() {
    hub.publish(count("a", 5, 10));
    FakeTransport client = subscribed("a");

    hub.forget("a");

    assertThat(hub.current("a")).isEmpty();
    assertThat(subscribed("a").versionsOf("a")).isEmpty();
    assertThat(client.sent()).hasSize(2);
  }

  @Test
  void aTombstoneForgetsTheStreamsHistoryToo() {
    hub.publishMinute(minute("a", 0, 5, 4));

    hub.forget("a");

    assertThat(hub.currentHistory("a")).isNull();
  }

  @Test
  void historiesOfStreamsNotLiveWithinTheWindowAreForgotten() {
    hub.publishMinute(minute("ended", 0, 5, 4));
    hub.publishMinute(minute("live", 29, 5, 4));

    int forgotten = hub.forgetHistoriesEndedBefore(Minutes.HOUR.plusSeconds(60 * 59 + 30));

    assertThat(forgotten).isEqualTo(1);
    assertThat(hub.currentHistory("ended")).isNull();
    assertThat(hub.currentHistory("live")).isNotNull();
  }

  @Test
  void aMinuteOlderThanTheStreamsWindowIsNotPublished() {
    hub.publishMinute(minute("a", 40, 5, 4));

    assertThat(hub.publishMinute(minute("a", 10, 5, 4))).isFalse();
    assertThat(hub.currentHistory("a").minutes()).isEqualTo(1);
  }

  @Test
  void allListsKnownStreamsWithTheMostViewersFirst() {
    hub.publish(count("small", 1, 1));
    hub.publish(count("big", 100, 1));

    assertThat(hub.all()).extracting(ViewerCount::streamId).containsExactly("big", "small");
  }

  @Test
  void oneSubscribersFailureDoesNotStopDelivery() {
    Transport broken =
        new Transport() {
          @Override
          public void send(EncodedText text, Consumer<Throwable> done) {
            throw new IllegalStateException("session closed");
          }

          @Override
          public void send(List<EncodedText> texts, Consumer<Throwable> done) {
            throw new IllegalStateException("session closed");
          }

          @Override
          public void ping(Consumer<Throwable> done) {}

          @Override
          public void close(int code, String reason) {}
        };
    Subscriber failing = new Subscriber(broken, hub, 10);
    failing.subscribe(List.of("a"));
    FakeTransport healthy = subscribed("a");

    hub.publish(count("a", 5, 10));

    assertThat(failing.closedWith()).isEqualTo(ServerClose.SEND_FAILED);
    assertThat(healthy.versionsOf("a")).containsExactly(10L);
  }

  @Test
  @Timeout(30)
  void aBlockedClientDoesNotDelayTheOthers() {
    FakeTransport blocked = FakeTransport.onDemand(); // its first send never completes
    new Subscriber(blocked, hub, 10).subscribe(List.of("a"));
    FakeTransport healthy = subscribed("a");

    LongStream.rangeClosed(1, 10_000).forEach(version -> hub.publish(count("a", 1, version)));

    assertThat(healthy.versionsOf("a")).hasSize(10_000);
    assertThat(blocked.sent()).hasSize(1); // "subscribed"; every value since is conflated
    assertThat(registry.get("viewercounts.broadcaster.messages.conflated").counter().count())
        .isEqualTo(9_999);
  }

  @Test
  @Timeout(60)
  void versionsNeverGoBackwardsAcrossTheSnapshotAndLiveUpdates() throws Exception {
    int lastVersion = 20_000;
    CountDownLatch publishing = new CountDownLatch(1);
    Future<?> publisher =
        threads.submit(
            () -> {
              publishing.countDown();
              IntStream.rangeClosed(1, lastVersion).forEach(v -> hub.publish(count("a", v, v)));
            });
    publishing.await();
    List<FakeTransport> clients = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      clients.add(subscribed("a"));
      Thread.yield();
    }
    publisher.get(30, TimeUnit.SECONDS);

    for (FakeTransport client : clients) {
      List<Long> versions = client.versionsOf("a");
      assertThat(versions).isNotEmpty().isSorted().doesNotHaveDuplicates();
      assertThat(versions.get(versions.size() - 1)).isEqualTo(lastVersion);
    }
  }

  @Test
  @Timeout(120)
  void concurrentSubscribeUnsubscribeAndPublishEndInAConsistentState() throws Exception {
    List<String> streams = IntStream.range(0, 8).mapToObj(i -> "s" + i).toList();
    List<FakeTransport> clients = new ArrayList<>();
    List<Subscriber> subscribers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      FakeTransport client = FakeTransport.immediate();
      clients.add(client);
      subscribers.add(new Subscriber(client, hub, streams.size()));
    }
    List<Future<?>> work = new ArrayList<>();
    work.add(
        threads.submit(
            () -> {
              for (long version = 1; version <= 20_000; version++) {
                hub.publish(count(streams.get((int) (version % streams.size())), 1, version));
              }
            }));
    for (int t = 0; t < 4; t++) {
      work.add(
          threads.submit(
              () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 5_000; i++) {
                  Subscriber subscriber = subscribers.get(random.nextInt(subscribers.size()));
                  List<String> some = List.of(streams.get(random.nextInt(streams.size())));
                  if (random.nextBoolean()) {
                    subscriber.subscribe(some);
                  } else {
                    subscriber.unsubscribe(some);
                  }
                }
              }));
    }
    for (Future<?> done : work) {
      done.get(60, TimeUnit.SECONDS);
    }

    // A final value per stream reaches exactly the subscribers of that stream.
    streams.forEach(stream -> hub.publish(count(stream, 2, 1_000_000)));
    int subscriptions = 0;
    for (int i = 0; i < subscribers.size(); i++) {
      FakeTransport client = clients.get(i);
      for (String stream : streams) {
        List<Long> versions = client.versionsOf(stream);
        assertThat(versions).isSorted(); // equal only when resubscribing re-sends the same value
        boolean gotFinal = !versions.isEmpty() && versions.get(versions.size() - 1) == 1_000_000;
        assertThat(gotFinal).isEqualTo(subscribers.get(i).subscriptions().contains(stream));
      }
      subscriptions += subscribers.get(i).subscriptions().size();
    }
    assertThat(hub.subscriptions()).isEqualTo(subscriptions);
  }

  @Test
  @Timeout(60)
  void aLargeAudienceIsServedBySeveralThreadsAndEveryoneGetsEveryValueInOrder() {
    try (Hub parallel = new Hub(registry, 4, Hub.DEFAULT_HISTORY_MINUTES)) {
      List<FakeTransport> clients = new ArrayList<>();
      for (int i = 0; i < ParallelDelivery.PARALLEL_FROM * 3; i++) {
        FakeTransport client = FakeTransport.immediate();
        new Subscriber(client, parallel, 10).subscribe(List.of("big"));
        clients.add(client);
      }

      LongStream.rangeClosed(1, 20).forEach(version -> parallel.publish(count("big", 1, version)));

      List<Long> all = LongStream.rangeClosed(1, 20).boxed().toList();
      clients.forEach(client -> assertThat(client.versionsOf("big")).isEqualTo(all));
    }
  }

  @Test
  void batchesOfManyStreamsReachEverySubscriberInTheOrderOfEachStream() {
    try (Hub parallel = new Hub(registry, 4, Hub.DEFAULT_HISTORY_MINUTES)) {
      List<String> streams = IntStream.range(0, 50).mapToObj(i -> "s" + i).toList();
      List<FakeTransport> clients = new ArrayList<>();
      for (String stream : streams) {
        FakeTransport client = FakeTransport.immediate();
        new Subscriber(client, parallel, 10).subscribe(List.of(stream));
        clients.add(client);
      }

      for (long version = 1; version <= 5; version++) {
        List<ViewerCount> batch = new ArrayList<>();
        for (String stream : streams) {
          batch.add(count(stream, 1, version));
        }
        assertThat(parallel.publishAll(batch)).isEqualTo(50);
      }
      assertThat(parallel.publishAll(List.of(count("s0", 1, 3), count("s1", 1, 6)))).isEqualTo(1);

      for (int i = 0; i < streams.size(); i++) {
        List<Long> expected = i == 1 ? List.of(1L, 2L, 3L, 4L, 5L, 6L) : List.of(1L, 2L, 3L, 4L, 5L);
        assertThat(clients.get(i).versionsOf(streams.get(i))).isEqualTo(expected);
      }
    }
  }

  @Test
  void anEmptyBatchPublishesNothing() {
    try (Hub parallel = new Hub(registry, 4, Hub.DEFAULT_HISTORY_MINUTES)) {
      FakeTransport client = FakeTransport.immediate();
      new Subscriber(client, parallel, 10).subscribe(List.of("a"));

      assertThat(parallel.publishAll(List.of())).isZero();
      assertThat(client.types()).containsExactly("subscribed");
    }
  }

  @Test
  void aBatchReachesAConnectionWatchingSeveralOfItsStreamsInOneWrite() {
    FakeTransport client = FakeTransport.immediate();
    new Subscriber(client, hub, 10).subscribe(List.of("a", "b", "c"));
    int writesBefore = client.writes();

    hub.publishAll(List.of(count("a", 1, 1), count("x", 1, 1), count("b", 2, 1), count("c", 3, 1)));

    assertThat(client.writes()).isEqualTo(writesBefore + 1);
    assertThat(client.versionsOf("a")).containsExactly(1L);
    assertThat(client.versionsOf("b")).containsExactly(1L);
    assertThat(client.versionsOf("c")).containsExactly(1L);
  }

  @Test
  void aBatchForAConnectionBusyWritingGoesOutWhenItsWriteCompletes() {
    FakeTransport client = FakeTransport.onDemand();
    new Subscriber(client, hub, 10).subscribe(List.of("a", "b")); // "subscribed" is in flight

    hub.publishAll(List.of(count("a", 1, 1), count("b", 2, 1)));
    assertThat(client.writes()).isEqualTo(1);
    client.completeAll();

    assertThat(client.writes()).isEqualTo(2);
    assertThat(client.types()).containsExactly("subscribed", "viewer_count", "viewer_count");
  }

  @Test
  void aBatchWithALargeAudienceReachesEveryoneOnceInOrder() {
    try (Hub parallel = new Hub(registry, 4, Hub.DEFAULT_HISTORY_MINUTES)) {
      List<FakeTransport> clients = new ArrayList<>();
      for (int i = 0; i < ParallelDelivery.PARALLEL_FROM * 3; i++) {
        FakeTransport client = FakeTransport.immediate();
        new Subscriber(client, parallel, 10).subscribe(List.of("big", "small" + i % 7));
        clients.add(client);
      }

      for (long version = 1; version <= 10; version++) {
        parallel.publishAll(List.of(count("big", 1, version), count("small" + version % 7, 1, version)));
      }

      List<Long> all = LongStream.rangeClosed(1, 10).boxed().toList();
      clients.forEach(client -> assertThat(client.versionsOf("big")).isEqualTo(all));
      assertThat(clients.get(3).versionsOf("small3")).containsExactly(3L, 10L);
    }
  }

  @Test
  void aLiveWatcherHearsOfStreamsThatStartAndEndAndOfNothingElse() {
    FakeTransport watcher = FakeTransport.immediate();
    new Subscriber(watcher, hub, 10).watchLive();

    hub.publish(count("a", 5, 1)); // goes live
    hub.publish(count("a", 6, 2)); // a count change of a live stream
    hub.publish(ended("a", 3)); // ends
    hub.publish(ended("b", 1)); // known, never live

    assertThat(watcher.types()).containsExactly("subscribed_live", "viewer_count", "viewer_count");
    assertThat(watcher.versionsOf("a")).containsExactly(1L, 3L);
  }

  @Test
  void aWatcherSubscribedToAStreamGetsItsLiveChangeOnce() {
    FakeTransport client = FakeTransport.immediate();
    Subscriber subscriber = new Subscriber(client, hub, 10);
    subscriber.watchLive();
    subscriber.subscribe(List.of("a"));

    hub.publish(count("a", 5, 1));

    assertThat(client.versionsOf("a")).containsExactly(1L);
  }

  @Test
  void aClosedWatcherIsForgotten() {
    FakeTransport watcher = FakeTransport.immediate();
    Subscriber subscriber = new Subscriber(watcher, hub, 10);
    subscriber.watchLive();
    subscriber.disconnected();

    hub.publish(count("a", 5, 1));

    assertThat(watcher.types()).containsExactly("subscribed_live");
  }

  @Test
  void theLiveListIsASliceOfTheLiveStreamsMostViewersFirst() {
    hub.publish(count("small", 1, 1));
    hub.publish(count("big", 100, 1));
    hub.publish(count("middle", 10, 1));
    hub.publish(ended("over", 1));

    StreamSlice slice = hub.live(1, 5);

    assertThat(slice.counts()).extracting(ViewerCount::streamId).containsExactly("middle", "small");
    assertThat(slice.total()).isEqualTo(3);
    assertThat(hub.live(3, 5).counts()).isEmpty();
  }

  @Test
  void aChangeReachesAStreamsSubscribersInTheOrderTheySubscribed() {
    List<Integer> written = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      new Subscriber(writtenAs(i, written), hub, 10).subscribe(List.of("a"));
    }

    hub.publish(count("a", 5, 10));

    assertThat(written).containsExactlyElementsOf(IntStream.range(0, 500).boxed().toList());
  }

  /** A client that notes {@code id} in {@code written} for each message sent on its own. */
  private static Transport writtenAs(int id, List<Integer> written) {
    return new Transport() {
      @Override
      public void send(EncodedText text, Consumer<Throwable> done) {
        written.add(id);
        done.accept(null);
      }

      @Override
      public void send(List<EncodedText> texts, Consumer<Throwable> done) {
        done.accept(null); // the reply to subscribe
      }

      @Override
      public void ping(Consumer<Throwable> done) {}

      @Override
      public void close(int code, String reason) {}
    };
  }

  private static ViewerCount ended(String streamId, long version) {
    return new ViewerCount(streamId, null, 0, false, null, version, null);
  }

  private FakeTransport subscribed(String streamId) {
    FakeTransport client = FakeTransport.immediate();
    new Subscriber(client, hub, 10).subscribe(List.of(streamId));
    return client;
  }
}
