package io.viewercounts.bench.scenario;

import io.viewercounts.bench.clients.ClientFleet;
import io.viewercounts.bench.deployment.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The CPU of the load clients and of the deployment over the measured part of a run only: the
 * clocks start when the warm-up ends, so that a warm figure holds no compiling of the warm-up's
 * first seconds.
 */
final class MeasuredCpu {

  private record Clocks(CpuClock clients, CpuClock node, StageCpu stages) {}

  private final CompletableFuture<Clocks> clocks;

  private MeasuredCpu(CompletableFuture<Clocks> clocks) {
    this.clocks = clocks;
  }

  /** Starts the clocks {@code warmUpSeconds} from now. */
  static MeasuredCpu after(int warmUpSeconds, ClientFleet fleet, Deployment deployment) {
    return new MeasuredCpu(CompletableFuture.supplyAsync(
        () -> start(fleet, deployment),
        CompletableFuture.delayedExecutor(warmUpSeconds, TimeUnit.SECONDS)));
  }

  double clientsPercent() {
    return clocks.join().clients().percentOfOneCore();
  }

  /** Null when the deployment's node is not a process on this machine. */
  Double nodePercent() {
    CpuClock node = clocks.join().node();
    return node == null ? null : node.percentOfOneCore();
  }

  /** Empty when the deployment's node is not a process on this machine. */
  Map<String, Double> stagePercents() throws IOException {
    StageCpu stages = clocks.join().stages();
    return stages == null ? Map.of() : stages.percentOfOneCore();
  }

  private static Clocks start(ClientFleet fleet, Deployment deployment) {
    try {
      return new Clocks(
          CpuClock.of(fleet), CpuClock.ofNode(deployment), StageCpu.ofNode(deployment));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
