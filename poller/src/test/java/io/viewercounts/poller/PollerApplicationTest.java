package io.viewercounts.poller;

import static io.viewercounts.poller.testing.FakeLivepeer.streamsRequested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.viewercounts.poller.livepeer.LivepeerClient;
import io.viewercounts.poller.testing.FakeLivepeer;
import io.viewercounts.poller.testing.FakeLivepeer.Stream;
import io.viewercounts.poller.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The poller as its own process: Flyway, the poll loop, health and metrics over HTTP. */
class PollerApplicationTest {

  static final String KEY = "lp-91c4-application-test-key";

  @RegisterExtension static final TestDatabase database = TestDatabase.empty();
  @RegisterExtension static final FakeLivepeer livepeer = new FakeLivepeer();

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void pollsOnItsOwnAndTheRowsAppear() throws Exception {
    livepeer.streams(Stream.live("s-1", "pb-1"), Stream.idle("s-2", "pb-2", null));
    livepeer.views(Map.of("pb-1", 21));
    database.execute("create database polling");

    ConfigurableApplicationContext app = start("polling", "--poller.interval=1s");
    try {
      JdbcTemplate polled = new JdbcTemplate(app.getBean(DataSource.class));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          polled.queryForList(
                              "select id, viewer_count, is_live from streams order by id"))
                      .containsExactly(
                          Map.of("id", "s-1", "viewer_count", 21, "is_live", true),
                          Map.of("id", "s-2", "viewer_count", 0, "is_live", false)));

      livepeer.views(Map.of("pb-1", 22));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  polled.queryForObject(
                          "select viewer_count from streams where id = 's-1'", Integer.class)
                      == 22);

      HttpResponse<String> readiness = get(app, "/actuator/health/readiness");
      assertThat(readiness.statusCode()).isEqualTo(200);
      assertThat(readiness.body()).contains("\"poller\"", "\"db\"").doesNotContain(KEY);
      JsonNode poller = JsonMapper.shared().readTree(readiness.body()).at("/components/poller");
      assertThat(poller.at("/details/active").asBoolean()).isTrue();
      assertThat(get(app, "/actuator/prometheus").body())
          .contains(
              "viewercounts_poller_cycle_seconds_count",
              "viewercounts_poller_errors_total",
              "viewercounts_poller_active 1.0",
              "viewercounts_poller_livepeer_circuit{state=\"closed\"} 1.0",
              "viewercounts_poller_livepeer_retries_total");
    } finally {
      long start = System.nanoTime();
      app.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void whenDisabledItOnlyMigratesTheSchema() throws Exception {
    database.execute("create database disabled");
    livepeer.reset();

    try (ConfigurableApplicationContext app = start("disabled", "--poller.enabled=false")) {
      assertThat(app.getBeansOfType(LivepeerClient.class)).isEmpty();
      assertThat(app.getBeansOfType(PollLoopLifecycle.class)).isEmpty();
      JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
      assertThat(jdbc.queryForObject("select count(*) from streams", Integer.class)).isZero();
      JsonNode poller =
          JsonMapper.shared()
              .readTree(get(app, "/actuator/health").body())
              .at("/components/poller");
      assertThat(poller.at("/status").asString()).isEqualTo("UNKNOWN");
      assertThat(poller.at("/details/enabled").asBoolean()).isFalse();
      assertThat(get(app, "/actuator/health/readiness").statusCode()).isEqualTo(200);
    }
    livepeer.server().verify(0, streamsRequested());
  }

  @Test
  void readinessFailsWhileTheDatabaseIsUnreachable() throws Exception {
    TestDatabase doomed = TestDatabase.startEmpty();
    livepeer.streams(Stream.live("s-1", "pb-1"));
    livepeer.views(Map.of("pb-1", 3));
    try (ConfigurableApplicationContext app =
        startAt(doomed.jdbcUrl("postgres"), "--poller.interval=1s")) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> get(app, "/actuator/health/readiness").statusCode() == 200);

      doomed.close();

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                HttpResponse<String> readiness = get(app, "/actuator/health/readiness");
                assertThat(readiness.statusCode()).isEqualTo(503);
                assertThat(
                        JsonMapper.shared()
                            .readTree(readiness.body())
                            .at("/components/db/status")
                            .asString())
                    .isEqualTo("DOWN");
              });
    }
  }

  private ConfigurableApplicationContext start(String databaseName, String... extra) {
    return startAt(database.jdbcUrl(databaseName), extra);
  }

  private ConfigurableApplicationContext startAt(String jdbcUrl, String... extra) {
    String[] common = {
      "--spring.datasource.url=" + jdbcUrl,
      "--spring.datasource.username=postgres",
      "--spring.datasource.password=",
      "--livepeer.api-url=" + livepeer.apiUrl(),
      "--livepeer.api-key=" + KEY,
      "--server.port=0"
    };
    String[] args = new String[common.length + extra.length];
    System.arraycopy(common, 0, args, 0, common.length);
    System.arraycopy(extra, 0, args, common.length, extra.length);
    return new SpringApplicationBuilder(PollerApplication.class).run(args);
  }

  private HttpResponse<String> get(ConfigurableApplicationContext app, String path)
      throws Exception {
    String port = app.getEnvironment().getProperty("local.server.port");
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        BodyHandlers.ofString());
  }
}
