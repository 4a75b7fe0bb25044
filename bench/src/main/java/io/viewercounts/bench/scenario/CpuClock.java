package io.viewercounts.bench.scenario;

import io.viewercounts.bench.clients.ClientFleet;
import io.viewercounts.bench.deployment.Deployment;
import io.viewercounts.bench.deployment.ProcessStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.LongSupplier;

/** CPU time some processes used since the clock was made, against the wall clock. */
final class CpuClock {

  /** How long a node, or the benchmark's JVM, is watched doing nothing before a measurement. */
  private static final long IDLE_MILLIS = 3_000;

  private final LongSupplier ticks;
  private final long startTicks;
  private final long startNanos;

  private CpuClock(LongSupplier ticks) {
    this.ticks = ticks;
    this.startTicks = ticks.getAsLong();
    this.startNanos = System.nanoTime();
  }

  static CpuClock of(ClientFleet fleet) {
    return new CpuClock(() -> read(fleet::cpuTicks));
  }

  static CpuClock of(ProcessStats process) {
    return new CpuClock(() -> read(process::cpuTicks));
  }

  /** Null when the deployment's process is not on this machine or unknown. */
  static CpuClock ofNode(Deployment deployment) {
    if (deployment.nodePid() == 0) {
      return null;
    }
    return of(ProcessStats.of(deployment.nodePid()));
  }

  /** The kernel's share alone (system time): socket writes, loopback TCP, wake-ups. */
  static CpuClock ofNodeKernel(Deployment deployment) {
    if (deployment.nodePid() == 0) {
      return null;
    }
    ProcessStats node = ProcessStats.of(deployment.nodePid());
    return new CpuClock(() -> read(() -> node.cpuTicksSplit()[1]));
  }

  /**
   * The process's CPU (percent of one core) over the next few seconds, with clients connected and
   * nothing changing: what a scenario's CPU figures are above. 0 for a null clock (no process).
   */
  static double idlePercent(CpuClock clock) throws InterruptedException {
    if (clock == null) {
      return 0;
    }
    Thread.sleep(IDLE_MILLIS);
    return clock.percentOfOneCore();
  }

  /** CPU used since the start, in clock ticks (1/100 s). */
  long ticks() {
    return ticks.getAsLong() - startTicks;
  }

  /** 100 is one core busy the whole time. */
  double percentOfOneCore() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return ticks() / seconds; // ticks are 1/100 s: ticks per second is percent
  }

  private interface TickSource {
    long read() throws IOException;
  }

  private static long read(TickSource source) {
    try {
      return source.read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
