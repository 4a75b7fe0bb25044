package io.viewercounts.bench.failover;

/**
 * The fake Livepeer's counts: stream i's count in answer n is {@code n * 100 + i}, so any count a
 * client receives says which answer first served it, and a stream's counts only grow.
 */
final class Counts {

  static final int STREAMS_PER_ANSWER = 100;

  private Counts() {}

  static long of(long answer, int stream) {
    return answer * STREAMS_PER_ANSWER + stream;
  }

  /** The number of the answer that first served {@code count}. */
  static long answer(long count) {
    return count / STREAMS_PER_ANSWER;
  }
}
