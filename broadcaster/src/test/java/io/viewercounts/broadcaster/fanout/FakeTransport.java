package io.viewercounts.broadcaster.fanout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An in-memory client connection: records every frame and completes sends as told. */
public final class FakeTransport implements Transport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** How sends complete. */
  enum Completion {
    /** On the sending thread, before send returns: a client that reads instantly. */
    IMMEDIATELY,
    /** When the test calls {@link #completeNext} or {@link #failNext}. */
    ON_DEMAND
  }

  private final Completion completion;
  private final List<String> sent = new ArrayList<>();
  private final List<EncodedText> sentTexts = new ArrayList<>();
  private final Deque<Consumer<Throwable>> waiting = new ArrayDeque<>();
  private int pings;
  private int writes;
  private Integer closeCode;

  FakeTransport(Completion completion) {
    this.completion = completion;
  }

  public static FakeTransport immediate() {
    return new FakeTransport(Completion.IMMEDIATELY);
  }

  public static FakeTransport onDemand() {
    return new FakeTransport(Completion.ON_DEMAND);
  }

  @Override
  public void send(EncodedText text, Consumer<Throwable> done) {
    send(List.of(text), done);
  }

  @Override
  public void send(List<EncodedText> texts, Consumer<Throwable> done) {
    synchronized (this) {
      texts.forEach(text -> sent.add(text.text()));
      sentTexts.addAll(texts);
      writes++;
    }
    complete(done);
  }

  @Override
  public void ping(Consumer<Throwable> done) {
    synchronized (this) {
      pings++;
    }
    complete(done);
  }

  @Override
  public synchronized void close(int code, String reason) {
    closeCode = code;
  }

  public void completeNext() {
    next().accept(null);
  }

  void failNext(Throwable error) {
    next().accept(error);
  }

  public synchronized List<String> sent() {
    return List.copyOf(sent);
  }

  /** The encoded messages handed to each send, as handed. */
  synchronized List<EncodedText> sentTexts() {
    return List.copyOf(sentTexts);
  }

  /** The frames sent, parsed. */
  List<JsonNode> frames() {
    return sent().stream().map(JSON::readTree).toList();
  }

  /** The types of the frames sent, in order. */
  List<String> types() {
    return frames().stream().map(frame -> frame.get("type").stringValue()).toList();
  }

  /** The versions of the viewer_count frames of a stream, in the order they were sent. */
  List<Long> versionsOf(String streamId) {
    return frames().stream()
        .filter(frame -> frame.get("type").stringValue().equals("viewer_count"))
        .filter(frame -> frame.get("streamId").stringValue().equals(streamId))
        .map(frame -> frame.get("version").longValue())
        .toList();
  }

  /** How many sends (writes) carried the messages of {@link #sent}. */
  synchronized int writes() {
    return writes;
  }

  /** Completes every send in flight and every one that follows from it. */
  void completeAll() {
    while (hasWaiting()) {
      completeNext();
    }
  }

  private synchronized boolean hasWaiting() {
    return !waiting.isEmpty();
  }

  public synchronized int pings() {
    return pings;
  }

  public synchronized Integer closeCode() {
    return closeCode;
  }

  private void complete(Consumer<Throwable> done) {
    if (completion == Completion.IMMEDIATELY) {
      done.accept(null);
    } else {
      synchronized (this) {
        waiting.add(done);
      }
    }
  }

  private synchronized Consumer<Throwable> next() {
    Consumer<Throwable> done = waiting.poll();
    if (done == null) {
      throw new IllegalStateException("no send in flight");
    }
    return done;
  }
}
