package io.viewercounts.bench.writer;

import io.viewercounts.bench.deployment.Deployment.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Commits count changes straight into {@code streams}, as the poller would, one autocommitted
 * UPDATE each, and says when each COMMIT returned: the start of every latency the benchmark
 * measures.
 */
public final class CountWriter implements AutoCloseable {

  private static final String CREATE =
      """
      insert into streams (id, name, is_live, viewer_count, ended_at, updated_at)
      select id, 'Benchmark ' || id, true, 0, null, now() from unnest(?::text[]) as ids(id)
      on conflict (id) do update
        set is_live = true, viewer_count = 0, ended_at = null, updated_at = now()
      """;
  private static final String UPDATE =
      "update streams set viewer_count = ?, updated_at = now() where id = ?";

  private final Connection connection;
  private final PreparedStatement update;

  public CountWriter(Database database) throws SQLException {
    this.connection =
        DriverManager.getConnection(database.url(), database.user(), database.password());
    this.connection.setAutoCommit(true);
    this.update = connection.prepareStatement(UPDATE);
  }

  /** Makes {@code ids} live streams with 0 viewers, whatever they held before. */
  public void createStreams(List<String> ids) throws SQLException {
    try (PreparedStatement create = connection.prepareStatement(CREATE)) {
      create.setArray(1, connection.createArrayOf("text", ids.toArray()));
      create.executeUpdate();
    }
  }

  /** Sets the count of {@code stream}; returns System.nanoTime once the COMMIT returned. */
  public long commit(String stream, long count) throws SQLException {
    update.setInt(1, Math.toIntExact(count));
    update.setString(2, stream);
    if (update.executeUpdate() != 1) {
      throw new SQLException("no stream " + stream + " in streams");
    }
    return System.nanoTime();
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
