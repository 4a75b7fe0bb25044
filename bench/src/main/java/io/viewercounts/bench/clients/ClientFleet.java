package io.viewercounts.bench.clients;

import io.viewercounts.bench.deployment.ProcessStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The benchmark's WebSocket clients, spread over {@link LoadWorker} processes: a process may open
 * at most 20,000 files here, and each worker binds its sockets to a loopback address of its own
 * (127.0.F.N, F numbering the fleets) so each has a full range of ephemeral ports: the ports a
 * closed client leaves in TIME_WAIT for a minute are another address's, not the next run's.
 */
public final class ClientFleet implements AutoCloseable {

  /** A process may open this many files here (ulimit -Hn), and the limit cannot be raised. */
  public static final int FILE_LIMIT = 20_000;
  /** Sockets one worker holds at most: its file limit less what the JVM keeps open. */
  static final int PER_WORKER = FILE_LIMIT - 256;

  private static final int SUBNETS = 250;
  private static final AtomicInteger fleets = new AtomicInteger();

  private final List<WorkerProcess> workers;
  private final Path workDir;
  private final String addressPrefix = "127.0." + (1 + fleets.getAndIncrement() % SUBNETS) + ".";
  private int connected;

  private ClientFleet(List<WorkerProcess> workers, Path workDir) {
    this.workers = workers;
    this.workDir = workDir;
  }

  /** Enough workers for {@code clients}, and at least two: the machine has two cores. */
  public static ClientFleet start(String name, int clients, Path workDir) throws IOException {
    int count = Math.max(2, (clients + PER_WORKER - 1) / PER_WORKER);
    List<WorkerProcess> workers = new ArrayList<>();
    try {
      for (int i = 1; i <= count; i++) {
        workers.add(WorkerProcess.start(name + "-worker-" + i, workDir));
      }
    } catch (IOException e) {
      workers.forEach(WorkerProcess::closeQuietly);
      throw e;
    }
    return new ClientFleet(workers, workDir);
  }

  /**
   * Opens {@code count} more clients, round-robin over {@code ports} of {@code host}, subscribing
   * as {@code plan} says; returns how many opened.
   */
  public int connect(int count, String host, List<Integer> ports, StreamPlan plan)
      throws IOException {
    String portList = ports.stream().map(String::valueOf).collect(Collectors.joining(","));
    int offset = connected;
    for (int i = 0; i < workers.size(); i++) {
      int share = count / workers.size() + (i < count % workers.size() ? 1 : 0);
      workers.get(i).send("connect " + share + " " + host + " " + portList + " "
          + addressPrefix + (i + 1) + " " + plan.withOffset(offset).encode());
      offset += share;
    }
    int opened = 0;
    for (WorkerProcess worker : workers) {
      opened += Integer.parseInt(worker.answer()[1]);
    }
    connected += count;
    return opened;
  }

  /** How many clients of {@code stream} reached {@code count}, and when the first and last did. */
  public Arrival await(String stream, long count, long timeoutMillis) throws IOException {
    broadcast("await " + stream + " " + count + " " + timeoutMillis);
    long have = 0;
    long subscribed = 0;
    long first = Long.MAX_VALUE;
    long last = 0;
    for (WorkerProcess worker : workers) {
      String[] answer = worker.answer();
      have += Long.parseLong(answer[1]);
      subscribed += Long.parseLong(answer[2]);
      long firstHere = Long.parseLong(answer[3]);
      if (firstHere != 0) {
        first = Math.min(first, firstHere);
      }
      last = Math.max(last, Long.parseLong(answer[4]));
    }
    return new Arrival(have, subscribed, first == Long.MAX_VALUE ? 0 : first, last);
  }

  /** Waits until every client ended with {@code finalCounts}; what the clients saw on the way. */
  public Verdict expect(Map<String, Long> finalCounts, long timeoutMillis) throws IOException {
    String counts = finalCounts.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue())
        .collect(Collectors.joining(","));
    broadcast("expect " + timeoutMillis + " " + counts);
    long[] sum = new long[5];
    for (WorkerProcess worker : workers) {
      String[] answer = worker.answer();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += Long.parseLong(answer[i + 1]);
      }
    }
    return new Verdict(sum[0], sum[1], sum[2], sum[3], sum[4]);
  }

  /** Writes each worker's receipts to a file of {@code (int count, long nanos)} pairs. */
  public List<Path> drainReceipts(String name) throws IOException {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      Path file = workDir.resolve(name + "-" + (i + 1) + ".receipts").toAbsolutePath();
      workers.get(i).send("drain " + file);
      files.add(file);
    }
    for (WorkerProcess worker : workers) {
      worker.answer();
    }
    return files;
  }

  /** How many processes hold the clients. */
  public int workers() {
    return workers.size();
  }

  public void reset() throws IOException {
    broadcast("reset");
    for (WorkerProcess worker : workers) {
      worker.answer();
    }
  }

  /** CPU time of all workers so far, in clock ticks (1/100 s). */
  public long cpuTicks() throws IOException {
    long ticks = 0;
    for (WorkerProcess worker : workers) {
      ticks += ProcessStats.of(worker.pid()).cpuTicks();
    }
    return ticks;
  }

  @Override
  public void close() {
    workers.forEach(WorkerProcess::closeQuietly);
  }

  private void broadcast(String command) {
    workers.forEach(worker -> worker.send(command));
  }

  /**
   * @param have clients of the stream at or past the count
   * @param subscribed open clients of the stream
   * @param first first receipt of exactly that count (System.nanoTime), 0 if none
   * @param last last receipt of it
   */
  public record Arrival(long have, long subscribed, long first, long last) {

    public boolean complete() {
      return have >= subscribed;
    }
  }

  /**
   * @param holding clients that ended with every final count
   * @param open open clients
   * @param backwards versions that went backwards (or streams never asked for)
   * @param repeats versions received twice (allowed: the client drops them)
   * @param dropped clients whose connection was lost
   */
  public record Verdict(long holding, long open, long backwards, long repeats, long dropped) {

    /** What broke the contract, in words; empty when nothing did. */
    public List<String> failures() {
      List<String> failures = new ArrayList<>();
      if (holding < open) {
        failures.add((open - holding) + " of " + open + " clients did not end with the final count"
            + " of every stream they watch");
      }
      if (backwards > 0) {
        failures.add(backwards + " updates went backwards (an older version after a newer one)");
      }
      if (dropped > 0) {
        failures.add(dropped + " clients lost their connection");
      }
      return failures;
    }
  }
}
