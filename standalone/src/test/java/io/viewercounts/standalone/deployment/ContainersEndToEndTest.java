package io.viewercounts.standalone.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.standalone.StandaloneApplication;
import io.viewercounts.standalone.deployment.ComposeFile.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pipeline on the PostgreSQL and Kafka of docker-compose.yml, in real containers: the images,
 * PostgreSQL's command line, its init script and health check, and Kafka with topic auto-creation
 * off, all taken from the compose file. The apps run in this JVM (the standalone, pointed at the
 * containers), the poller off: the test writes the rows.
 *
 * <p>Needs a Docker engine; where there is none, JUnit reports the class as skipped
 * (disabledWithoutDocker) and the in-process tests of the standalone cover the pipeline.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersEndToEndTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String INIT_SCRIPT = "deploy/postgres/initdb/10-viewercounts-role.sh";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static GenericContainer<?> postgres;
  private static KafkaContainer kafka;
  private static ConfigurableApplicationContext pipeline;
  private static String jdbcUrl;
  private static Map<String, String> database;

  @TempDir static Path topologyState;

  @BeforeAll
  static void startContainersAndPipeline() {
    ComposeFile compose = ComposeFile.load();
    Service postgresService = compose.service("postgres");
    postgres =
        new GenericContainer<>(DockerImageName.parse(postgresService.image()))
            .withCommand(postgresService.command().toArray(String[]::new))
            .withEnv(postgresService.environment(ComposeStackTest.requiredVariables()))
            .withCopyFileToContainer(
                MountableFile.forHostPath(Repository.path(INIT_SCRIPT), 0755),
                "/docker-entrypoint-initdb.d/" + Path.of(INIT_SCRIPT).getFileName())
            .withExposedPorts(5432)
            .waitingFor(Wait.forSuccessfulCommand(shell(postgresService.healthcheck())))
            .withStartupTimeout(Duration.ofMinutes(2));
    kafka =
        new KafkaContainer(DockerImageName.parse(compose.service("kafka").image()))
            .withEnv(
                "KAFKA_AUTO_CREATE_TOPICS_ENABLE",
                compose.service("kafka").environment().get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"));
    Startables.deepStart(Stream.of(postgres, kafka)).join();

    database = compose.service("cdc").environment(ComposeStackTest.requiredVariables());
    jdbcUrl =
        database
            .get("SPRING_DATASOURCE_URL")
            .replace(
                "//postgres:5432/",
                "//" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/");
    pipeline =
        StandaloneApplication.application()
            .run(
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + database.get("SPRING_DATASOURCE_USERNAME"),
                "--spring.datasource.password=" + database.get("SPRING_DATASOURCE_PASSWORD"),
                "--kafka.bootstrap-servers=" + kafka.getBootstrapServers(),
                "--cdc.topology.state-dir=" + topologyState,
                "--poller.enabled=false",
                "--server.port=0",
                "--management.server.port=0");
  }

  @AfterAll
  static void stopEverything() {
    if (pipeline != null) {
      pipeline.close();
    }
    Stream.of(kafka, postgres).filter(Objects::nonNull).forEach(GenericContainer::stop);
  }

  @Test
  void aRowChangeInPostgresReachesAWebSocketClient() throws Exception {
    execute(
        "insert into streams (id, playback_id, name, is_live, viewer_count)"
            + " values ('tc-a', 'pb-tc-a', 'A', true, 5)");
    int port = Integer.parseInt(pipeline.getEnvironment().getProperty("local.server.port"));
    try (Client client = Client.connect(port)) {
      client.send("{\"type\":\"subscribe\",\"streamIds\":[\"tc-a\"]}");
      JsonNode first = client.next(count("tc-a", 5));

      execute("update streams set viewer_count = 6 where id = 'tc-a'");

      JsonNode changed = client.next(count("tc-a", 6));
      assertThat(changed.get("version").asLong()).isGreaterThan(first.get("version").asLong());
      assertThat(changed.get("isLive").asBoolean()).isTrue();
    }
  }

  private static Predicate<JsonNode> count(String streamId, int viewers) {
    return message ->
        "viewer_count".equals(message.path("type").asText())
            && streamId.equals(message.path("streamId").asText())
            && message.path("viewerCount").asInt() == viewers;
  }

  /** As the apps' role, the one the compose file's init script creates. */
  private static void execute(String sql) throws SQLException {
    try (Connection connection =
        DriverManager.getConnection(
            jdbcUrl,
            database.get("SPRING_DATASOURCE_USERNAME"),
            database.get("SPRING_DATASOURCE_PASSWORD"))) {
      connection.createStatement().execute(sql);
    }
  }

  /** A compose health check (CMD or CMD-SHELL form) as one shell command. */
  private static String shell(List<String> healthcheck) {
    return String.join(" ", healthcheck.subList(1, healthcheck.size()));
  }

  /** A browser's WebSocket, keeping what it receives in order. */
  private static final class Client implements WebSocket.Listener, AutoCloseable {
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static Client connect(int port) {
      Client client = new Client();
      client.socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(URI.create("ws://localhost:" + port + "/ws"), client)
              .join();
      return client;
    }

    void send(String text) {
      socket.sendText(text, true).join();
    }

    /** Skips messages until one matches; fails if none does in time. */
    JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (true) {
        JsonNode message =
            received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        assertThat(message).as("a matching message within %s", PATIENCE).isNotNull();
        if (wanted.test(message)) {
          return message;
        }
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(JSON.readTree(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void close() {
      socket.abort();
    }
  }
}
