package io.viewercounts.poller.streams;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes a poll's rows to {@code streams} in one statement that touches only the rows whose name,
 * liveness, count or end time really change, and creates the rows of new streams.
 *
 * <p>Unchanged rows are not written at all: no new row version, no WAL, no change event for the
 * capture, no lock. That is why this is an UPDATE of the rows found to differ plus an INSERT of
 * unknown ids, not {@code INSERT ... ON CONFLICT DO UPDATE}, which locks every conflicting row.
 * Streams Livepeer no longer lists are left as they are by {@link #write}; the poll cycle finds
 * the live ones with {@link #liveUnlisted} and, once it is sure they are gone, ends them with
 * {@link #end}.
 *
 * <p>Built for accounts of 100,000 streams: the poll travels as six arrays (one bind each, no
 * per-row round trip), is joined once with the table on its primary key, and only the rows that
 * differ, typically a few percent, go on to the UPDATE and the INSERT.
 */
public final class StreamTableWriter {

  // ended_at: cleared while live; set when a live row stops (Livepeer's lastTerminatedAt, else
  // now()); otherwise kept, unless Livepeer reports a later end (a session that started and ended
  // between two polls). greatest() ignores nulls. A new row takes Livepeer's end time as it is.
  // "changed" is materialized: the one join with streams happens once, and both writes read
  // only its few rows.
  private static final String WRITE =
      """
      with incoming as (
        select i.id, i.playback_id, i.name, i.is_live, i.viewer_count,
               timestamptz 'epoch' + i.terminated_ms * interval '1 millisecond' as terminated_at
          from unnest(?::text[], ?::text[], ?::text[], ?::boolean[], ?::integer[], ?::bigint[])
               as i(id, playback_id, name, is_live, viewer_count, terminated_ms)
      ),
      target as (
        select i.id, i.playback_id, i.name, i.is_live, i.viewer_count, s.id is null as is_new,
               case when i.is_live then null
                    when s.id is null then i.terminated_at
                    when s.is_live then coalesce(i.terminated_at, now())
                    else greatest(s.ended_at, i.terminated_at)
               end as ended_at,
               s.name as stored_name, s.is_live as stored_live,
               s.viewer_count as stored_count, s.ended_at as stored_ended_at
          from incoming i
          left join streams s on s.id = i.id
      ),
      changed as materialized (
        select id, playback_id, name, is_live, viewer_count, ended_at, is_new
          from target
         where is_new
            or (stored_name, stored_live, stored_count, stored_ended_at)
               is distinct from (name, is_live, viewer_count, ended_at)
      ),
      updated as (
        update streams s
           set name = c.name, is_live = c.is_live, viewer_count = c.viewer_count,
               ended_at = c.ended_at, updated_at = now()
          from changed c
         where s.id = c.id and not c.is_new
        returning s.id
      ),
      inserted as (
        insert into streams (id, playback_id, name, is_live, viewer_count, ended_at)
        select id, playback_id, name, is_live, viewer_count, ended_at
          from changed
         where is_new
        on conflict (id) do nothing
        returning id
      )
      select (select count(*) from updated) as updated, (select count(*) from inserted) as inserted
      """;

  // An anti-join with the listed ids (hashed once), not "id <> all(array)", which compares every
  // row with every listed id.
  private static final String LIVE_UNLISTED =
      """
      select s.id
        from streams s
       where s.is_live
         and not exists (select 1 from unnest(?::text[]) as listed(id) where listed.id = s.id)
      """;

  private static final String END =
      """
      update streams
         set is_live = false, viewer_count = 0, ended_at = now(), updated_at = now()
       where id = any(?::text[]) and is_live
      """;

  private final int timeoutSeconds;

  /**
   * @param timeout how long the statement may run before the database cancels it (JDBC counts whole
   *     seconds: rounded up, at least 1)
   */
  public StreamTableWriter(Duration timeout) {
    this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, ceilSeconds(timeout)));
  }

  /**
   * Writes {@code rows} (unique ids) through {@code connection} and says how many rows changed. The
   * poller passes the session that holds its leader lock, so only the active poller can write.
   *
   * @param connection in auto-commit mode: the one statement is its own transaction
   */
  public WriteResult write(Connection connection, List<StreamRow> rows) throws SQLException {
    if (!connection.getAutoCommit()) {
      throw new IllegalArgumentException("the connection must be in auto-commit mode");
    }
    if (rows.isEmpty()) {
      return WriteResult.NOTHING;
    }
    try (PreparedStatement statement = connection.prepareStatement(WRITE)) {
      statement.setQueryTimeout(timeoutSeconds);
      statement.setArray(1, array(connection, "text", rows, StreamRow::id));
      statement.setArray(2, array(connection, "text", rows, StreamRow::playbackId));
      statement.setArray(3, array(connection, "text", rows, StreamRow::name));
      statement.setArray(4, array(connection, "boolean", rows, StreamRow::live));
      statement.setArray(5, array(connection, "integer", rows, StreamRow::viewerCount));
      statement.setArray(
          6,
          array(
              connection,
              "bigint",
              rows,
              row ->
                  row.lastTerminatedAt() == null ? null : row.lastTerminatedAt().toEpochMilli()));
      try (ResultSet counts = statement.executeQuery()) {
        counts.next();
        return new WriteResult(counts.getInt("updated"), counts.getInt("inserted"));
      }
    }
  }

  /** The ids of the live rows that none of {@code rows} (a whole poll) names. */
  public List<String> liveUnlisted(Connection connection, List<StreamRow> rows)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(LIVE_UNLISTED)) {
      statement.setQueryTimeout(timeoutSeconds);
      statement.setArray(1, array(connection, "text", rows, StreamRow::id));
      List<String> ids = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          ids.add(result.getString(1));
        }
      }
      return ids;
    }
  }

  /**
   * Ends these streams as a stream that stops does: not live, no viewers, ended now. Rows no longer
   * live are left alone.
   *
   * @return how many rows were ended
   */
  public int end(Connection connection, List<String> ids) throws SQLException {
    if (ids.isEmpty()) {
      return 0;
    }
    try (PreparedStatement statement = connection.prepareStatement(END)) {
      statement.setQueryTimeout(timeoutSeconds);
      statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
      return statement.executeUpdate();
    }
  }

  private static Array array(
      Connection connection, String type, List<StreamRow> rows, Function<StreamRow, Object> column)
      throws SQLException {
    return connection.createArrayOf(type, rows.stream().map(column).toArray());
  }

  private static long ceilSeconds(Duration timeout) {
    Duration positive = Objects.requireNonNull(timeout, "timeout");
    return positive.getSeconds() + (positive.getNano() > 0 ? 1 : 0);
  }
}
