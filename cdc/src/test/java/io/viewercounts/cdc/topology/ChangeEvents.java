package io.viewercounts.cdc.topology;

/** Debezium change events of {@code streams} rows, as the capture writes them (schemas disabled). */
final class ChangeEvents {

  private ChangeEvents() {}

  /** A create ({@code c}), snapshot read ({@code r}) or update ({@code u}) of a row. */
  static String change(
      String op, String id, int count, boolean live, String endedAt, long lsn, long commitMs) {
    return "{\"before\":null,\"after\":"
        + row(id, count, live, endedAt)
        + ",\"source\":"
        + source(lsn, commitMs)
        + ",\"op\":\""
        + op
        + "\",\"ts_ms\":"
        + (commitMs + 40)
        + "}";
  }

  static String delete(String id, long lsn, long commitMs) {
    // With the default replica identity, before holds only the primary key.
    return "{\"before\":{\"id\":\""
        + id
        + "\",\"playback_id\":null,\"name\":null,\"is_live\":false,\"viewer_count\":0,"
        + "\"ended_at\":null,\"updated_at\":0},\"after\":null,\"source\":"
        + source(lsn, commitMs)
        + ",\"op\":\"d\",\"ts_ms\":"
        + (commitMs + 40)
        + "}";
  }

  static String row(String id, int count, boolean live, String endedAt) {
    return "{\"id\":\""
        + id
        + "\",\"playback_id\":\"pb-"
        + id
        + "\",\"name\":\"Show "
        + id
        + "\",\"is_live\":"
        + live
        + ",\"viewer_count\":"
        + count
        + ",\"ended_at\":"
        + (endedAt == null ? "null" : "\"" + endedAt + "\"")
        + ",\"updated_at\":\"2026-11-25T17:00:00.000000Z\"}";
  }

  static String source(long lsn, long commitMs) {
    return "{\"version\":\"3.6.1.Final\",\"connector\":\"postgresql\",\"name\":\"viewercount\","
        + "\"ts_ms\":"
        + commitMs
        + ",\"snapshot\":\"false\",\"db\":\"viewercounts\",\"schema\":\"public\","
        + "\"table\":\"streams\",\"txId\":800,\"lsn\":"
        + lsn
        + ",\"xmin\":null}";
  }
}
