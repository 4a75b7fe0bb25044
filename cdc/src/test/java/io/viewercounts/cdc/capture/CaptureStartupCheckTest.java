package io.viewercounts.cdc.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viewercounts.cdc.CdcDefaults;
import io.viewercounts.cdc.CdcProperties;
import io.viewercounts.cdc.TestInfrastructure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CaptureStartupCheckTest {

  private static EmbeddedPostgres logical;
  private static EmbeddedPostgres replica;

  @BeforeAll
  static void startPostgres() {
    logical = TestInfrastructure.startPostgres("logical");
    replica = TestInfrastructure.startPostgres("replica");
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    logical.close();
    replica.close();
  }

  @Test
  void walLevelReplicaFailsSayingHowToEnableLogicalDecoding() {
    DataSource database = TestInfrastructure.createMigratedDatabase(replica, "replica_wal");

    assertThatThrownBy(() -> new CaptureStartupCheck(database).verify())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("wal_level=replica")
        .hasMessageContaining("wal_level = logical in postgresql.conf")
        .hasMessageContaining("restart PostgreSQL");
  }

  @Test
  void missingStreamsTableFailsSayingThePollerCreatesIt() {
    DataSource database = TestInfrastructure.createDatabase(logical, "not_migrated");

    assertThatThrownBy(() -> new CaptureStartupCheck(database).verify())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("public.streams does not exist")
        .hasMessageContaining("start the poller first");
  }

  @Test
  void migratedDatabaseWithLogicalDecodingPasses() {
    DataSource database = TestInfrastructure.createMigratedDatabase(logical, "ready");

    assertThatCode(() -> new CaptureStartupCheck(database).verify()).doesNotThrowAnyException();
  }

  @Test
  void captureDoesNotStartWhenTheCheckFails() {
    DataSource database = TestInfrastructure.createMigratedDatabase(replica, "replica_capture");
    CdcProperties defaults = CdcDefaults.load();
    ChangeCapture capture =
        new ChangeCapture(
            new CaptureStartupCheck(database),
            CaptureConfig.engine(
                new DatabaseConnection(
                    TestInfrastructure.jdbcUrl(replica, "replica_capture"), "postgres", null),
                defaults.capture(),
                defaults.topics(),
                "localhost:1"),
            CaptureConfig.producer("localhost:1"),
            defaults.capture());

    assertThatThrownBy(capture::start).hasMessageContaining("wal_level=logical");
    assertThat(capture.status().phase()).isEqualTo(CaptureStatus.Phase.NOT_STARTED);
  }
}
