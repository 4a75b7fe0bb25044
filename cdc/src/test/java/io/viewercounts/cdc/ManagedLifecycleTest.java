package io.viewercounts.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManagedLifecycleTest {

  @Test
  void thePartsOfOnePhaseStopSideBySide() throws Exception {
    // Each stop waits for the other to be stopping too: one after the other, neither would end.
    CyclicBarrier bothStopping = new CyclicBarrier(2);
    Runnable stopWhenBothAre = () -> await(bothStopping);
    ManagedLifecycle capture = new ManagedLifecycle("capture", 1, () -> {}, stopWhenBothAre);
    ManagedLifecycle topology = new ManagedLifecycle("topology", 1, () -> {}, stopWhenBothAre);
    CountDownLatch stopped = new CountDownLatch(2);

    capture.stop(stopped::countDown);
    topology.stop(stopped::countDown);

    assertThat(stopped.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(capture.isRunning()).isFalse();
    assertThat(topology.isRunning()).isFalse();
  }

  @Test
  void theContextHearsOfTheStopEvenWhenItFails() throws Exception {
    ManagedLifecycle failing =
        new ManagedLifecycle("failing", 1, () -> {}, () -> {
          throw new IllegalStateException("broken");
        });
    CountDownLatch stopped = new CountDownLatch(1);

    failing.stop(stopped::countDown);

    assertThat(stopped.await(30, TimeUnit.SECONDS)).isTrue();
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
