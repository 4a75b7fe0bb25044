package io.viewercounts.cdc.capture;

import static io.viewercounts.cdc.TestInfrastructure.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viewercounts.cdc.CaptureFixture;
import io.viewercounts.cdc.TestInfrastructure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each start-up check against a database set up wrong, and its message. */
class CaptureStartupCheckTest {

  private static final String SLOT = "viewercount";
  private static final String PUBLICATION = "viewercount_streams";

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

  private static CaptureStartupCheck check(DataSource database) {
    return new CaptureStartupCheck(database, SLOT, PUBLICATION);
  }

  @Test
  void walLevelReplicaFailsSayingHowToEnableLogicalDecoding() {
    DataSource database = TestInfrastructure.createMigratedDatabase(replica, "replica_wal");

    assertThatThrownBy(() -> check(database).verify())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("wal_level=replica")
        .hasMessageContaining("wal_level = logical in postgresql.conf")
        .hasMessageContaining("restart PostgreSQL");
  }

  @Test
  void missingStreamsTableFailsSayingThePollerCreatesIt() {
    DataSource database = TestInfrastructure.createDatabase(logical, "not_migrated");

    assertThatThrownBy(() -> check(database).verify())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("public.streams does not exist")
        .hasMessageContaining("start the poller");
  }

  @Test
  void missingHeartbeatTableFailsSayingWhichMigrationCreatesIt() {
    DataSource database = TestInfrastructure.createDatabase(logical, "first_migration_only");
    Flyway.configure()
        .dataSource(database)
        .locations("classpath:db/migration")
        .target("1")
        .load()
        .migrate();

    assertThatThrownBy(() -> check(database).verify())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("public.cdc_heartbeat does not exist")
        .hasMessageContaining("migration V2");
  }

  @Test
  void userWithoutReplicationRightFailsSayingHowToGrantIt() {
    TestInfrastructure.createMigratedDatabase(logical, "no_replication");
    execute(logical.getPostgresDatabase(), "CREATE ROLE plain LOGIN");
    DataSource asPlain = logical.getDatabase("plain", "no_replication");

    assertThatThrownBy(() -> check(asPlain).verify())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("User plain may not stream changes")
        .hasMessageContaining("ALTER ROLE plain WITH REPLICATION");
  }

  @Test
  void userWhoMayNotWriteTheHeartbeatFailsSayingWhatToGrant() {
    TestInfrastructure.createMigratedDatabase(logical, "no_heartbeat");
    execute(logical.getPostgresDatabase(), "CREATE ROLE streamer LOGIN REPLICATION");
    DataSource asStreamer = logical.getDatabase("streamer", "no_heartbeat");

    assertThatThrownBy(() -> check(asStreamer).verify())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("may not write public.cdc_heartbeat")
        .hasMessageContaining("GRANT INSERT, UPDATE ON public.cdc_heartbeat TO streamer");
  }

  @Test
  void userWhoDoesNotOwnTheTablesFailsSayingHowToCreateThePublication() {
    DataSource asOwner = TestInfrastructure.createMigratedDatabase(logical, "not_owner");
    execute(logical.getPostgresDatabase(), "CREATE ROLE guest LOGIN REPLICATION");
    execute(asOwner, "GRANT INSERT, UPDATE ON cdc_heartbeat TO guest");
    execute(asOwner, "GRANT CREATE ON DATABASE not_owner TO guest");
    DataSource asGuest = logical.getDatabase("guest", "not_owner");

    assertThatThrownBy(() -> check(asGuest).verify())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot create publication viewercount_streams")
        .hasMessageContaining("does not own table public.cdc_heartbeat (owned by postgres)")
        .hasMessageContaining(
            "CREATE PUBLICATION viewercount_streams FOR TABLE public.streams,"
                + " public.cdc_heartbeat");

    // What the message says to do is enough.
    execute(
        asOwner,
        "CREATE PUBLICATION viewercount_streams FOR TABLE public.streams, public.cdc_heartbeat");
    assertThatCode(() -> check(asGuest).verify()).doesNotThrowAnyException();
  }

  @Test
  void publicationOfAllTablesFailsSayingToDropIt() {
    DataSource database = TestInfrastructure.createMigratedDatabase(logical, "all_tables");
    execute(database, "CREATE PUBLICATION viewercount_streams FOR ALL TABLES");

    assertThatThrownBy(() -> check(database).verify())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("publishes all tables")
        .hasMessageContaining("DROP PUBLICATION viewercount_streams");
  }

  @Test
  void noFreeReplicationSlotFailsSayingHowToFreeOne() {
    DataSource database = TestInfrastructure.createMigratedDatabase(logical, "slots_full");
    int max = TestInfrastructure.MAX_REPLICATION_SLOTS;
    for (int i = 0; i < max; i++) {
      execute(
          database, "SELECT pg_create_logical_replication_slot('filler_" + i + "', 'pgoutput')");
    }
    try {
      assertThatThrownBy(() -> check(database).verify())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot create replication slot viewercount")
          .hasMessageContaining("all " + max + " replication slots are in use")
          .hasMessageContaining("pg_drop_replication_slot")
          .hasMessageContaining("raise max_replication_slots");
    } finally {
      for (int i = 0; i < max; i++) {
        execute(database, "SELECT pg_drop_replication_slot('filler_" + i + "')");
      }
    }
  }

  @Test
  void slotOfAnotherDatabaseFailsSayingToChooseAnotherName() {
    DataSource other = TestInfrastructure.createMigratedDatabase(logical, "slot_owner");
    DataSource database = TestInfrastructure.createMigratedDatabase(logical, "slot_wanted");
    execute(other, "SELECT pg_create_logical_replication_slot('viewercount', 'pgoutput')");
    try {
      assertThatThrownBy(() -> check(database).verify())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in database slot_owner")
          .hasMessageContaining("set cdc.capture.slot-name to another name");
    } finally {
      execute(other, "SELECT pg_drop_replication_slot('viewercount')");
    }
  }

  @Test
  void migratedDatabaseWithLogicalDecodingPasses() {
    DataSource database = TestInfrastructure.createMigratedDatabase(logical, "ready");

    assertThatCode(() -> check(database).verify()).doesNotThrowAnyException();
  }

  @Test
  void captureDoesNotStartWhenTheCheckFails() {
    DataSource database = TestInfrastructure.createMigratedDatabase(replica, "replica_capture");
    ChangeCapture capture =
        new ChangeCapture(
            database,
            new DatabaseConnection(
                TestInfrastructure.jdbcUrl(replica, "replica_capture"), "postgres", null),
            CaptureFixture.kafkaAt("localhost:1"),
            CaptureFixture.capture("replica_capture"),
            CaptureFixture.topics("replica_capture", 1));

    assertThatThrownBy(capture::start).hasMessageContaining("wal_level=logical");
    assertThat(capture.status().phase()).isEqualTo(CaptureStatus.Phase.NOT_STARTED);
    capture.close();
  }
}
