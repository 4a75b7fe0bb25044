package io.viewercounts.bench.clients;

import java.util.List;
import java.util.Map;

/**
 * What one client has seen of each stream it subscribed to: the last count and version, and the
 * promises the server broke. The contract says a client never sees a version go backwards and
 * always ends with the latest value; the benchmark holds every client to that.
 */
final class StreamLedger {

  private final List<String> streams;
  private final byte[][] ids;
  private final long[] lastVersion;
  private final long[] lastCount;
  long backwards;
  long repeats;

  StreamLedger(List<String> streams) {
    this.streams = streams;
    this.ids = new byte[streams.size()][];
    this.lastVersion = new long[streams.size()];
    this.lastCount = new long[streams.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = CountFrame.ascii(streams.get(i));
      lastVersion[i] = Long.MIN_VALUE;
      lastCount[i] = -1;
    }
  }

  List<String> streams() {
    return streams;
  }

  /**
   * Takes a {@code viewer_count} frame. Returns its count, or -1 when the frame is for a stream
   * this client never subscribed to, or repeats or goes behind a version it already had (noted,
   * and the count not taken, as the browser client drops it).
   */
  long receive(byte[] frame, int length) {
    int stream = streamOf(frame, length);
    if (stream < 0) {
      backwards++; // a stream it never asked for is as wrong as an old value
      return -1;
    }
    long version = CountFrame.version(frame, length);
    if (version < lastVersion[stream]) {
      backwards++;
      return -1;
    }
    if (version == lastVersion[stream]) {
      repeats++;
      return -1;
    }
    lastVersion[stream] = version;
    lastCount[stream] = CountFrame.viewerCount(frame, length);
    return lastCount[stream];
  }

  /** The last count of {@code stream}, -1 when none came or it is not subscribed. */
  long lastCount(String stream) {
    int index = streams.indexOf(stream);
    return index < 0 ? -1 : lastCount[index];
  }

  /** Whether every subscribed stream that {@code expected} names ended with its expected count. */
  boolean holds(Map<String, Long> expected) {
    for (int i = 0; i < ids.length; i++) {
      Long count = expected.get(streams.get(i));
      if (count != null && lastCount[i] != count) {
        return false;
      }
    }
    return true;
  }

  private int streamOf(byte[] frame, int length) {
    for (int i = 0; i < ids.length; i++) {
      if (CountFrame.hasStream(frame, length, ids[i])) {
        return i;
      }
    }
    return -1;
  }
}
