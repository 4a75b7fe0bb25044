package io.viewercounts.poller.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.viewercounts.poller.testing.TestDatabase;
import io.viewercounts.poller.testing.TestDatabase.StoredRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamTableWriterTest {

  static final Instant ENDED = Instant.parse("2026-11-25T17:00:00.123Z");
  static final Instant LATER = Instant.parse("2026-11-25T19:30:00.456Z");

  @RegisterExtension static final TestDatabase database = TestDatabase.migrated();
  StreamTableWriter writer;
  Connection session;

  @BeforeEach
  void emptyTable() throws SQLException {
    database.truncate();
    writer = new StreamTableWriter(Duration.ofSeconds(5));
    session = database.dataSource().getConnection();
  }

  @AfterEach
  void closeSession() throws SQLException {
    session.close();
  }

  @Test
  void createsTheRowsOfNewStreams() throws Exception {
    WriteResult result =
        write(
            List.of(
                new StreamRow("s-1", "pb-1", "Morning", true, 12, ENDED),
                new StreamRow("s-2", "pb-2", null, false, 0, ENDED),
                new StreamRow("s-3", "pb-3", "Night", false, 0, null)));

    assertThat(result).isEqualTo(new WriteResult(0, 3));
    Map<String, StoredRow> rows = database.rows();
    assertThat(rows.get("s-1"))
        .extracting(
            StoredRow::playbackId,
            StoredRow::name,
            StoredRow::live,
            StoredRow::viewerCount,
            StoredRow::endedAt)
        .containsExactly("pb-1", "Morning", true, 12, null);
    assertThat(rows.get("s-2"))
        .extracting(StoredRow::name, StoredRow::live, StoredRow::viewerCount, StoredRow::endedAt)
        .containsExactly(null, false, 0, ENDED);
    assertThat(rows.get("s-3").endedAt()).isNull();
  }

  @Test
  void writesNothingWhenNothingChanged() throws Exception {
    List<StreamRow> poll =
        List.of(
            new StreamRow("s-1", "pb-1", "Morning", true, 12, null),
            new StreamRow("s-2", "pb-2", "Night", false, 0, ENDED));
    write(poll);
    Map<String, StoredRow> before = database.rows();

    WriteResult again = write(poll);

    assertThat(again).isEqualTo(WriteResult.NOTHING);
    assertThat(database.rows()).isEqualTo(before);
  }

  @Test
  void touchesOnlyTheRowThatChanged() throws Exception {
    List<StreamRow> poll =
        IntStream.rangeClosed(1, 5)
            .mapToObj(i -> new StreamRow("s-" + i, "pb-" + i, "Show " + i, true, i, null))
            .toList();
    write(poll);
    Map<String, StoredRow> before = database.rows();
    List<StreamRow> oneChanged =
        poll.stream()
            .map(
                row ->
                    row.id().equals("s-3")
                        ? new StreamRow("s-3", "pb-3", "Show 3", true, 30, null)
                        : row)
            .toList();

    WriteResult result = write(oneChanged);

    assertThat(result).isEqualTo(new WriteResult(1, 0));
    Map<String, StoredRow> after = database.rows();
    assertThat(after.get("s-3").viewerCount()).isEqualTo(30);
    assertThat(after.get("s-3").xmin()).isNotEqualTo(before.get("s-3").xmin());
    assertThat(after.get("s-3").updatedAt()).isAfter(before.get("s-3").updatedAt());
    after.remove("s-3");
    before.remove("s-3");
    assertThat(after).isEqualTo(before);
  }

  @Test
  void writesANewName() throws Exception {
    write(List.of(new StreamRow("s-1", "pb-1", "Morning", true, 12, null)));

    WriteResult result =
        write(List.of(new StreamRow("s-1", "pb-1", "Breakfast", true, 12, null)));

    assertThat(result.updated()).isEqualTo(1);
    assertThat(database.rows().get("s-1").name()).isEqualTo("Breakfast");
  }

  @Test
  void setsEndedAtFromLivepeerWhenALiveStreamStops() throws Exception {
    write(List.of(new StreamRow("s-1", "pb-1", "Morning", true, 12, null)));

    write(List.of(new StreamRow("s-1", "pb-1", "Morning", false, 0, LATER)));

    assertThat(database.rows().get("s-1"))
        .extracting(StoredRow::live, StoredRow::viewerCount, StoredRow::endedAt)
        .containsExactly(false, 0, LATER);
  }

  @Test
  void setsEndedAtToNowWhenLivepeerGivesNoEndTime() throws Exception {
    write(List.of(new StreamRow("s-1", "pb-1", "Morning", true, 12, null)));

    write(List.of(new StreamRow("s-1", "pb-1", "Morning", false, 0, null)));

    assertThat(database.rows().get("s-1").endedAt())
        .isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
  }

  @Test
  void clearsEndedAtWhenTheStreamGoesLiveAgain() throws Exception {
    write(List.of(new StreamRow("s-1", "pb-1", "Morning", false, 0, ENDED)));

    write(List.of(new StreamRow("s-1", "pb-1", "Morning", true, 4, ENDED)));

    assertThat(database.rows().get("s-1"))
        .extracting(StoredRow::live, StoredRow::viewerCount, StoredRow::endedAt)
        .containsExactly(true, 4, null);
  }

  @Test
  void keepsEndedAtWhileTheStreamStaysOff() throws Exception {
    write(List.of(new StreamRow("s-1", "pb-1", "Morning", true, 3, null)));
    write(List.of(new StreamRow("s-1", "pb-1", "Morning", false, 0, null)));
    StoredRow ended = database.rows().get("s-1");

    WriteResult result =
        write(List.of(new StreamRow("s-1", "pb-1", "Morning", false, 0, null)));

    assertThat(result).isEqualTo(WriteResult.NOTHING);
    assertThat(database.rows().get("s-1")).isEqualTo(ended);
  }

  @Test
  void takesALaterEndThatHappenedBetweenTwoPolls() throws Exception {
    write(List.of(new StreamRow("s-1", "pb-1", "Morning", false, 0, ENDED)));

    write(List.of(new StreamRow("s-1", "pb-1", "Morning", false, 0, LATER)));
    WriteResult older =
        write(List.of(new StreamRow("s-1", "pb-1", "Morning", false, 0, ENDED)));

    assertThat(older).isEqualTo(WriteResult.NOTHING);
    assertThat(database.rows().get("s-1").endedAt()).isEqualTo(LATER);
  }

  @Test
  void leavesStreamsNoLongerListedAlone() throws Exception {
    write(
        List.of(
            new StreamRow("s-1", "pb-1", "Morning", true, 12, null),
            new StreamRow("s-2", "pb-2", "Night", true, 5, null)));
    StoredRow gone = database.rows().get("s-2");

    write(List.of(new StreamRow("s-1", "pb-1", "Morning", true, 13, null)));

    assertThat(database.rows().get("s-2")).isEqualTo(gone);
  }

  @Test
  void writesNothingForAnEmptyPoll() throws Exception {
    assertThat(write(List.of())).isEqualTo(WriteResult.NOTHING);
    assertThat(database.rows()).isEmpty();
  }

  @Test
  void refusesAConnectionOutsideAutoCommit() throws Exception {
    session.setAutoCommit(false);

    assertThatThrownBy(() -> write(List.of(new StreamRow("s-1", "pb-1", null, true, 1, null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("auto-commit");
  }

  private WriteResult write(List<StreamRow> rows) throws SQLException {
    return writer.write(session, rows);
  }
}
