package io.viewercounts.bench.floor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * A server that does the least a broadcaster must to fan a change out: it answers WebSocket
 * upgrades, and writes one frame, built once, to every open connection. Not a server for anyone:
 * it measures what this machine puts under any broadcaster, to hold ours against.
 */
public interface FloorServer extends AutoCloseable {

  /** About where a fresh database's WAL stands: the node's versions have as many digits. */
  long FRESH_WAL_POSITION = 25_000_000;

  /** Starts one listening on a free port of the loopback interface. */
  @FunctionalInterface
  interface Starter {
    FloorServer start() throws IOException, InterruptedException;
  }

  int port() throws IOException;

  /** Writes one {@code viewer_count} frame to every connection; returns once all are written. */
  void publish(String stream, long count) throws InterruptedException;

  /** Writes that the socket did not take whole: a client too slow for the floor run. */
  long partialWrites();

  /**
   * CPU time the threads that write took for their writes, summed: what a node's feed and fan-out
   * threads do for it, without the rest of the JVM the floor runs in.
   */
  long writerCpuNanos();

  @Override
  void close() throws IOException;

  /** The CPU time the calling thread has used so far. */
  static long threadCpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /**
   * The whole WebSocket frame of a count (final, text, unmasked), as long as the broadcaster's for
   * the fan-out's stream: its name, and a version with as many digits as a WAL position of a fresh
   * database (some 25 million). The kernel's share of a message grows with its bytes.
   */
  static byte[] frame(String stream, long count) {
    byte[] payload = ("{\"type\":\"viewer_count\",\"streamId\":\"" + stream
        + "\",\"name\":\"Benchmark " + stream + "\",\"viewerCount\":" + count
        + ",\"isLive\":true,\"endedAt\":null,\"version\":" + (FRESH_WAL_POSITION + count) + "}")
        .getBytes(StandardCharsets.UTF_8);
    int header = payload.length < 126 ? 2 : 4; // a payload of 126 bytes or more: 16-bit length
    byte[] frame = new byte[header + payload.length];
    frame[0] = (byte) 0x81;
    if (header == 2) {
      frame[1] = (byte) payload.length;
    } else {
      frame[1] = 126;
      frame[2] = (byte) (payload.length >> 8);
      frame[3] = (byte) payload.length;
    }
    System.arraycopy(payload, 0, frame, header, payload.length);
    return frame;
  }
}
