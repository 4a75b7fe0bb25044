package io.viewercounts.poller.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.viewercounts.poller.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class LeaderLockTest {

  static final long LOCK_ID = 7;

  @RegisterExtension static final TestDatabase database = TestDatabase.empty();

  final List<LeaderLock> locks = new ArrayList<>();

  @AfterEach
  void closeLocks() {
    locks.forEach(LeaderLock::close);
    database.awaitLockFree(LOCK_ID);
  }

  @Test
  void theFirstPollerTakesTheLockAndTheOtherStandsBy() throws Exception {
    LeaderLock first = lock();
    LeaderLock second = lock();

    assertThat(first.acquire()).isPresent();
    assertThat(second.acquire()).isEmpty();
    assertThat(first.isHeld()).isTrue();
    assertThat(second.isHeld()).isFalse();
  }

  @Test
  void theHolderKeepsItsLockAndItsSessionCycleAfterCycle() throws Exception {
    LeaderLock holder = lock();
    Connection session = holder.acquire().orElseThrow();

    assertThat(holder.acquire()).containsSame(session);
    assertThat(lock().acquire()).isEmpty();
  }

  @Test
  void closingFreesTheLockForAStandby() throws Exception {
    LeaderLock first = lock();
    LeaderLock second = lock();
    first.acquire();
    second.acquire();

    first.close();

    // The server ends the session a moment after the client hangs up.
    await().atMost(Duration.ofSeconds(10)).until(() -> second.acquire().isPresent());
    assertThat(database.sessionHolding(LOCK_ID)).isNotNull();
  }

  @Test
  void aSessionEndedByTheServerLosesTheLock(CapturedOutput output) throws Exception {
    LeaderLock first = lock();
    LeaderLock second = lock();
    first.acquire();
    second.acquire();

    database.terminateSessionHolding(LOCK_ID);

    assertThat(second.acquire()).as("taken over").isPresent();
    assertThat(first.acquire()).as("the old holder stands by").isEmpty();
    assertThat(output.getAll())
        .contains("Lost advisory lock 7: its database session ended; this poller stops");
  }

  @Test
  void theLockCannotBeTakenThroughThePoolOfTheHolder() throws Exception {
    LeaderLock holder = lock();
    holder.acquire();

    try (Connection other = database.dataSource().getConnection();
        Statement statement = other.createStatement()) {
      ResultSet result = statement.executeQuery("select pg_try_advisory_lock(" + LOCK_ID + ")");
      result.next();
      assertThat(result.getBoolean(1)).isFalse();
    }
  }

  @Test
  void logsEachRoleOnceNotEveryCycle(CapturedOutput output) throws Exception {
    LeaderLock first = lock();
    LeaderLock second = lock();

    for (int cycle = 0; cycle < 3; cycle++) {
      first.acquire();
      second.acquire();
    }

    assertThat(output.getAll().lines().filter(line -> line.contains("now the active one")))
        .hasSize(1);
    assertThat(output.getAll().lines().filter(line -> line.contains("standing by"))).hasSize(1);
  }

  @Test
  void saysSoWhenTheDatabaseCannotBeReached() throws IOException {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    try (ServerSocket socket = new ServerSocket(0)) {
      nowhere.setPortNumbers(new int[] {socket.getLocalPort()});
    }
    LeaderLock unreachable = new LeaderLock(nowhere, LOCK_ID);
    locks.add(unreachable);

    assertThatThrownBy(unreachable::acquire).isInstanceOf(SQLException.class);
    assertThat(unreachable.isHeld()).isFalse();
  }

  @Test
  void cannotBeAcquiredOnceClosed() throws Exception {
    LeaderLock lock = lock();
    lock.close();

    assertThatThrownBy(lock::acquire).isInstanceOf(IllegalStateException.class);
    assertThat(lock().acquire()).isPresent();
  }

  private LeaderLock lock() {
    LeaderLock lock = new LeaderLock(database.dataSource(), LOCK_ID);
    locks.add(lock);
    return lock;
  }
}
