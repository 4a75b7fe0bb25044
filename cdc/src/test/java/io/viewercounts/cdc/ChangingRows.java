package io.viewercounts.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.viewercounts.events.ViewerCount;
import io.viewercounts.events.ViewerCountJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Stream rows whose counts a background thread keeps raising by one, each in its own transaction,
 * across outages of PostgreSQL (a failed update is simply not counted). Since every committed
 * update raises a count by exactly one, viewer-counts must show each row's counts as 0, 1, 2, ...
 * up to its final count: a gap is a lost change, a repeat a change emitted twice.
 */
public final class ChangingRows implements AutoCloseable {

  private final DataSource database;
  private final List<String> ids;
  private final AtomicLong committed = new AtomicLong();
  private volatile boolean running;
  private Thread writer;

  public ChangingRows(DataSource database, String prefix, int rows) {
    this.database = database;
    this.ids = IntStream.range(0, rows).mapToObj(i -> prefix + "-" + i).toList();
    ids.forEach(id -> TestInfrastructure.execute(database, CaptureFixture.insert(id, 0)));
  }

  public List<String> ids() {
    return ids;
  }

  public void start() {
    running = true;
    writer = new Thread(this::write, "changing-rows");
    writer.start();
  }

  /** Updates committed so far. */
  public long committed() {
    return committed.get();
  }

  private void write() {
    int next = 0;
    Connection connection = null;
    while (running) {
      try {
        if (connection == null) {
          connection = database.getConnection();
        }
        try (PreparedStatement update =
            connection.prepareStatement(
                "UPDATE streams SET viewer_count = viewer_count + 1 WHERE id = ?")) {
          update.setString(1, ids.get(next));
          update.executeUpdate();
        }
        committed.incrementAndGet();
        next = (next + 1) % ids.size();
        Thread.sleep(2);
      } catch (SQLException e) {
        close(connection);
        connection = null;
        pause();
      } catch (InterruptedException e) {
        return;
      }
    }
    close(connection);
  }

  /** Stops writing and returns each row's final count. */
  public Map<String, Integer> stop() {
    running = false;
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return finalCounts();
  }

  private Map<String, Integer> finalCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    try (Connection connection = database.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT id, viewer_count FROM streams WHERE id = ANY(?)")) {
      select.setArray(1, connection.createArrayOf("text", ids.toArray()));
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          counts.put(result.getString(1), result.getInt(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }

  /**
   * Lets {@code moreCommits} further updates commit, stops writing, waits until {@code
   * viewerCounts} shows every row at its final count and asserts that it got every change exactly
   * once.
   */
  public void stopAfterAndAssertEveryChangeExactlyOnce(
      int moreCommits, TopicReader viewerCounts, Duration timeout) {
    long committedBefore = committed();
    await().atMost(timeout).until(() -> committed() > committedBefore + moreCommits);
    Map<String, Integer> finalCounts = stop();

    List<ConsumerRecord<String, String>> received =
        viewerCounts.awaitAll(records -> reached(records, finalCounts), timeout);
    assertEveryChangeExactlyOnce(received, finalCounts);
  }

  /** Whether viewer-counts shows every row at its final count (the last record per key). */
  public static boolean reached(
      List<ConsumerRecord<String, String>> records, Map<String, Integer> finalCounts) {
    Map<String, Integer> latest = new TreeMap<>();
    for (ConsumerRecord<String, String> record : records) {
      if (finalCounts.containsKey(record.key())) {
        latest.put(record.key(), ViewerCountJson.decode(record.value()).viewerCount());
      }
    }
    return latest.equals(finalCounts);
  }

  /** Every count of every row appeared once, in order, and no version appeared twice. */
  public static void assertEveryChangeExactlyOnce(
      List<ConsumerRecord<String, String>> records, Map<String, Integer> finalCounts) {
    Map<String, List<Integer>> countsByRow = new TreeMap<>();
    Set<String> versions = new HashSet<>();
    List<String> repeatedVersions = new ArrayList<>();
    for (ConsumerRecord<String, String> record : records) {
      if (!finalCounts.containsKey(record.key())) {
        continue;
      }
      ViewerCount count = ViewerCountJson.decode(record.value());
      countsByRow.computeIfAbsent(record.key(), id -> new ArrayList<>()).add(count.viewerCount());
      if (!versions.add(record.key() + "@" + count.version())) {
        repeatedVersions.add(record.key() + "@" + count.version());
      }
    }
    assertThat(repeatedVersions).as("versions emitted more than once").isEmpty();
    finalCounts.forEach(
        (id, last) ->
            assertThat(countsByRow.get(id))
                .as("counts of %s on viewer-counts", id)
                .containsExactlyElementsOf(IntStream.rangeClosed(0, last).boxed().toList()));
  }

  private static void close(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // already broken
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (running) {
      stop();
    }
  }
}
