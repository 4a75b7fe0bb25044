package io.viewercounts.poller.bench;

import io.viewercounts.poller.leader.LeaderLock;
import io.viewercounts.poller.livepeer.LivepeerClient;
import io.viewercounts.poller.livepeer.LivepeerStream;
import io.viewercounts.poller.livepeer.PlaybackViews;
import io.viewercounts.poller.streams.StreamMerge;
import io.viewercounts.poller.streams.StreamRow;
import io.viewercounts.poller.streams.StreamTableWriter;
import io.viewercounts.poller.streams.WriteResult;
import io.viewercounts.poller.testing.BulkLivepeer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;

/**
 * One poll cycle of an account with 100,000 live streams of which 10% changed since the previous
 * cycle, against a fake Livepeer on the JDK's HTTP server and an embedded PostgreSQL 17 set up as
 * in production ({@code wal_level=logical}, {@code fsync}, {@code synchronous_commit} and {@code
 * full_page_writes} on, where zonky turns them off by default).
 *
 * <p>Run it on a quiet machine: {@code mvn -B -q -pl poller test-compile exec:java} (the exec
 * plugin's main class and test class path are set in the poller's pom). Arguments: streams,
 * warm-up cycles, measured cycles (defaults 100000 5 10).
 *
 * <p>Each measured cycle does what {@code PollCycle} does, timed by phase:
 *
 * <ul>
 *   <li>transfer: the two answers' bytes over HTTP alone (a plain GET of each, just before);
 *   <li>calls: both Livepeer calls through the poller's client: transfer, JSON parsing, checks;
 *   <li>write: merge and the one statement through the leader lock's session, committed;
 *   <li>received to commit: calls minus transfer, plus write.
 * </ul>
 */
public final class CycleBenchmark {

  private static final double CHANGED_SHARE = 0.1;

  private CycleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int streams = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int warmUps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int measured = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int groups = (int) Math.round(1 / CHANGED_SHARE);
    System.out.printf(
        Locale.ROOT,
        "CycleBenchmark: %,d live streams, %d%% changed per cycle, %d warm-up and %d measured"
            + " cycles, %d cores, load average %.2f%n",
        streams,
        100 / groups,
        warmUps,
        measured,
        Runtime.getRuntime().availableProcessors(),
        loadAverage());

    try (EmbeddedPostgres postgres =
            EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        BulkLivepeer livepeer = new BulkLivepeer();
        LeaderLock lock = new LeaderLock(postgres.getPostgresDatabase(), 1)) {
      Flyway.configure().dataSource(postgres.getPostgresDatabase()).load().migrate();
      Connection session = lock.acquire().orElseThrow();
      LivepeerClient client =
          LivepeerClient.create(
              URI.create(livepeer.apiUrl()), "", Duration.ofSeconds(5), Duration.ofSeconds(60));
      StreamTableWriter writer = new StreamTableWriter(Duration.ofSeconds(60));
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      int[] viewers = new int[streams];
      for (int i = 0; i < streams; i++) {
        viewers[i] = i % 1000;
      }
      livepeer.liveStreams(streams);
      livepeer.views(streams, i -> viewers[i]);
      long start = System.nanoTime();
      WriteResult first = cycle(client, writer, session).written;
      System.out.printf(
          Locale.ROOT,
          "first cycle: %,d rows inserted in %d ms%n",
          first.inserted(),
          millis(System.nanoTime() - start));

      List<Long> transfers = new ArrayList<>();
      List<Long> calls = new ArrayList<>();
      List<Long> writes = new ArrayList<>();
      List<Long> receivedToCommit = new ArrayList<>();
      List<Long> totals = new ArrayList<>();
      for (int round = 0; round < warmUps + measured; round++) {
        int group = round % groups;
        for (int i = group; i < streams; i += groups) {
          viewers[i]++;
        }
        livepeer.views(streams, i -> viewers[i]);
        long transfer = transfer(http, livepeer.apiUrl());
        Cycle cycle = cycle(client, writer, session);
        int expected = (streams - group + groups - 1) / groups;
        if (cycle.written.updated() != expected || cycle.written.inserted() != 0) {
          throw new IllegalStateException(
              "expected " + expected + " rows updated, wrote " + cycle.written);
        }
        boolean warmUp = round < warmUps;
        System.out.printf(
            Locale.ROOT,
            "%s %2d: %,d rows updated, calls %4d ms (transfer %3d ms), write %4d ms,"
                + " received to commit %4d ms, total %4d ms%n",
            warmUp ? "warm-up " : "measured",
            warmUp ? round + 1 : round - warmUps + 1,
            cycle.written.updated(),
            millis(cycle.callNanos),
            millis(transfer),
            millis(cycle.writeNanos),
            millis(cycle.callNanos - transfer + cycle.writeNanos),
            millis(cycle.callNanos + cycle.writeNanos));
        if (!warmUp) {
          transfers.add(transfer);
          calls.add(cycle.callNanos);
          writes.add(cycle.writeNanos);
          receivedToCommit.add(cycle.callNanos - transfer + cycle.writeNanos);
          totals.add(cycle.callNanos + cycle.writeNanos);
        }
      }
      System.out.println("phase                          min   median      max  (ms)");
      summary("HTTP transfer of both answers", transfers);
      summary("both calls (transfer + parse)", calls);
      summary("merge + write + commit", writes);
      summary("answer received to commit", receivedToCommit);
      summary("whole cycle", totals);
      System.out.printf(Locale.ROOT, "load average at the end: %.2f%n", loadAverage());
    }
  }

  private record Cycle(WriteResult written, long callNanos, long writeNanos) {}

  private static Cycle cycle(LivepeerClient client, StreamTableWriter writer, Connection session)
      throws Exception {
    long start = System.nanoTime();
    List<LivepeerStream> streams = client.streams();
    List<PlaybackViews> views = client.viewsNow();
    long received = System.nanoTime();
    List<StreamRow> rows = StreamMerge.rows(streams, views);
    WriteResult written = writer.write(session, rows);
    return new Cycle(written, received - start, System.nanoTime() - received);
  }

  /** Both answers' bytes fetched with a plain client: what the network and server cost alone. */
  private static long transfer(HttpClient http, String apiUrl) throws Exception {
    long start = System.nanoTime();
    for (String path : List.of("/stream?streamsonly=1", "/data/views/now")) {
      http.send(HttpRequest.newBuilder(URI.create(apiUrl + path)).build(), BodyHandlers.ofByteArray());
    }
    return System.nanoTime() - start;
  }

  private static void summary(String phase, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    long median =
        sorted.size() % 2 == 1
            ? sorted.get(sorted.size() / 2)
            : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    System.out.printf(
        Locale.ROOT,
        "%-29s %6d %8d %8d%n",
        phase,
        millis(sorted.get(0)),
        millis(median),
        millis(sorted.get(sorted.size() - 1)));
  }

  private static long millis(long nanos) {
    return Math.round(nanos / 1e6);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
