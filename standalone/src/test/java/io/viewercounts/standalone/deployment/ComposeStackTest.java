package io.viewercounts.standalone.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viewercounts.standalone.deployment.ComposeFile.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, checked as far as it can be without a Docker engine: the services and their
 * replicas, the start-up order, the health checks against the apps' real ports and paths, the
 * PostgreSQL and Kafka settings the apps rely on, and what is published or stored.
 */
class ComposeStackTest {

  private final ComposeFile compose = ComposeFile.load();

  @Test
  void theStackHasTheInfrastructureTheAppsAndALoadBalancer() {
    assertThat(compose.serviceNames())
        .containsExactlyInAnyOrder(
            "postgres", "kafka", "poller", "cdc", "broadcaster", "loadbalancer");
    assertThat(compose.appServices().keySet())
        .containsExactlyInAnyOrder("poller", "cdc", "broadcaster");
  }

  @Test
  void eachAppServiceRunsThatAppFromTheProjectImage() {
    for (Map.Entry<String, Service> app : compose.appServices().entrySet()) {
      Service service = app.getValue();
      assertThat(service.name()).as("service of %s", app.getKey()).isEqualTo(app.getKey());
      assertThat(service.command()).as("command").containsExactly(app.getKey());
      assertThat(service.image())
          .as("%s image", app.getKey())
          .isEqualTo("${VIEWER_COUNTS_IMAGE:-viewer-counts}:${VIEWER_COUNTS_TAG:-local}");
      assertThat(service.definition())
          .as("%s builds the Dockerfile", app.getKey())
          .containsKey("build");
      assertThat(service.definition()).containsEntry("restart", "unless-stopped");
    }
  }

  @Test
  void theImageIsTheLocalBuildUnlessTheEnvironmentNamesARelease() {
    for (Service service : compose.appServices().values()) {
      assertThat(ComposeFile.interpolate(service.image(), Map.of()))
          .as("%s without variables", service.name())
          .isEqualTo("viewer-counts:local");
      assertThat(
              ComposeFile.interpolate(
                  service.image(),
                  Map.of(
                      "VIEWER_COUNTS_IMAGE", "registry.example.com/viewer-counts",
                      "VIEWER_COUNTS_TAG", "1.4.0")))
          .as("%s with a release", service.name())
          .isEqualTo("registry.example.com/viewer-counts:1.4.0");
    }
  }

  @Test
  void pollerAndCdcRunTwiceAndBroadcastersAtLeastTwice() {
    assertThat(compose.service("poller").replicas()).isEqualTo(2);
    assertThat(compose.service("cdc").replicas()).isEqualTo(2);
    assertThat(compose.service("broadcaster").replicas()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void servicesStartOnlyOnceWhatTheyNeedIsHealthy() {
    assertThat(compose.service("poller").dependsOn())
        .containsExactlyEntriesOf(Map.of("postgres", "service_healthy"));
    // The capture needs the tables that the poller's migrations create.
    assertThat(compose.service("cdc").dependsOn())
        .containsOnly(
            Map.entry("postgres", "service_healthy"),
            Map.entry("kafka", "service_healthy"),
            Map.entry("poller", "service_healthy"));
    assertThat(compose.service("broadcaster").dependsOn())
        .containsExactlyEntriesOf(Map.of("kafka", "service_healthy"));
    assertThat(compose.service("loadbalancer").dependsOn())
        .containsExactlyEntriesOf(Map.of("broadcaster", "service_healthy"));
  }

  @Test
  void everyServiceThatOthersWaitForHasAHealthCheck() {
    for (String name : compose.serviceNames()) {
      for (String dependency : compose.service(name).dependsOn().keySet()) {
        assertThat(compose.service(dependency).healthcheck())
            .as("%s waits for %s to be healthy", name, dependency)
            .isNotEmpty();
      }
    }
  }

  @Test
  void appHealthChecksAskActuatorOnTheAppsOwnManagementPort() {
    for (Map.Entry<String, Service> app : compose.appServices().entrySet()) {
      AppConfiguration configuration = AppConfiguration.of(app.getKey());
      Map<String, String> environment = app.getValue().environment(requiredVariables());
      String health =
          "http://localhost:" + configuration.actuatorPort(environment) + "/actuator/health/";
      List<String> check = app.getValue().healthcheck();
      assertThat(check).as("%s health check", app.getKey()).startsWith("CMD", "curl", "-fsS");
      assertThat(check.get(check.size() - 1))
          .as("%s health check URL", app.getKey())
          .isIn(health + "readiness", health + "liveness");
      assertThat(configuration.ymlValue("management.endpoint.health.probes.enabled"))
          .as("%s has the liveness and readiness groups", app.getKey())
          .contains("true");
      assertThat(configuration.ymlValue("management.endpoints.web.exposure.include"))
          .as("%s exposes health over HTTP", app.getKey())
          .hasValueSatisfying(exposed -> assertThat(exposed.split(",")).contains("health"));
      assertThat(configuration.ymlValue("management.endpoints.web.base-path"))
          .as("%s keeps actuator at /actuator", app.getKey())
          .isEmpty();
    }
  }

  @Test
  void theBroadcastersAndTheCdcAreHealthyOnlyWhenReady() {
    assertThat(compose.service("broadcaster").healthcheck())
        .last()
        .asString()
        .endsWith("/readiness");
    assertThat(compose.service("cdc").healthcheck()).last().asString().endsWith("/readiness");
  }

  @Test
  void postgresRunsWithLogicalDecodingAndRoomForTheSlot() {
    Service postgres = compose.service("postgres");
    assertThat(postgres.image()).matches("postgres:1[4-9].*");
    List<String> command = postgres.command();
    assertThat(command).first().isEqualTo("postgres");
    assertThat(command).contains("wal_level=logical");
    assertThat(setting(command, "max_replication_slots")).isGreaterThanOrEqualTo(2);
    assertThat(setting(command, "max_wal_senders")).isGreaterThanOrEqualTo(2);
    assertThat(postgres.healthcheck()).contains("pg_isready");
  }

  @Test
  void theAppsConnectAsTheRoleThatTheInitScriptCreates() {
    Map<String, String> postgres = compose.service("postgres").environment(requiredVariables());
    String initScript = Repository.read("deploy/postgres/initdb/10-viewercounts-role.sh");
    assertThat(initScript).contains("LOGIN REPLICATION").contains("OWNER TO");
    assertThat(compose.service("postgres").volumes())
        .contains("./deploy/postgres/initdb:/docker-entrypoint-initdb.d:ro");
    for (String app : List.of("poller", "cdc")) {
      Map<String, String> environment = compose.service(app).environment(requiredVariables());
      assertThat(environment.get("SPRING_DATASOURCE_URL"))
          .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
      assertThat(environment.get("SPRING_DATASOURCE_USERNAME"))
          .isEqualTo(postgres.get("VIEWERCOUNTS_DB_USER"));
      assertThat(environment.get("SPRING_DATASOURCE_PASSWORD"))
          .isEqualTo(postgres.get("VIEWERCOUNTS_DB_PASSWORD"));
    }
  }

  @Test
  void kafkaIsOneKraftNodeThatTheAppsReachByItsAdvertisedListener() {
    Map<String, String> kafka = compose.service("kafka").environment();
    assertThat(compose.service("kafka").image()).startsWith("apache/kafka:");
    assertThat(kafka.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
    // Exactly-once needs the transaction log, which by default wants three brokers.
    assertThat(kafka).containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1");
    assertThat(kafka).containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
    assertThat(kafka).containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
    for (String app : List.of("cdc", "broadcaster")) {
      String bootstrap = compose.service(app).environment().get("KAFKA_BOOTSTRAP_SERVERS");
      assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS")).as(app).contains("://" + bootstrap);
    }
  }

  @Test
  void theBrokerAbortsTimedOutTransactionsWithinASecond() {
    // The backstop for a crashed cdc's open transaction when no other cdc is left to fence it.
    assertThat(compose.service("kafka").environment())
        .containsEntry("KAFKA_TRANSACTION_ABORT_TIMED_OUT_TRANSACTION_CLEANUP_INTERVAL_MS", "1000");
  }

  @Test
  void dataLivesInNamedVolumes() {
    assertThat(compose.volumes()).containsExactlyInAnyOrder("postgres-data", "kafka-data");
    assertThat(compose.service("postgres").volumes())
        .contains("postgres-data:/var/lib/postgresql/data");
    assertThat(compose.service("kafka").volumes()).contains("kafka-data:/var/lib/kafka/data");
    assertThat(compose.service("kafka").environment())
        .containsEntry("KAFKA_LOG_DIRS", "/var/lib/kafka/data");
  }

  @Test
  void onlyTheLoadBalancerIsPublished() {
    for (String name : compose.serviceNames()) {
      if (!name.equals("loadbalancer")) {
        assertThat(compose.service(name).ports()).as("ports of %s", name).isEmpty();
      }
    }
    assertThat(compose.service("loadbalancer").ports())
        .containsExactly("${VIEWER_COUNTS_HTTP_PORT:-8080}:80");
    assertThat(compose.service("loadbalancer").volumes())
        .contains("./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro");
  }

  @Test
  void theLivepeerKeyComesFromTheEnvironmentAndIsRequired() {
    assertThat(compose.service("poller").environment().get("LIVEPEER_API_KEY"))
        .startsWith("${LIVEPEER_API_KEY:?");
    assertThatThrownBy(() -> compose.service("poller").environment(Map.of()))
        .hasMessageContaining("LIVEPEER_API_KEY");
  }

  @Test
  void everyVariableOfTheFileIsExplainedInEnvExampleAndDotEnvIsIgnored() {
    String example = Repository.read(".env.example");
    for (String variable : compose.variables()) {
      assertThat(example)
          .as(".env.example explains %s", variable)
          .containsPattern("(?m)^" + variable + "=");
    }
    assertThat(Repository.read(".gitignore")).containsPattern("(?m)^\\.env$");
  }

  @Test
  void interpolationFollowsCompose() {
    Map<String, String> variables = Map.of("SET", "value", "EMPTY", "");
    assertThat(ComposeFile.interpolate("${SET:-default}", variables)).isEqualTo("value");
    assertThat(ComposeFile.interpolate("${EMPTY:-default}", variables)).isEqualTo("default");
    assertThat(ComposeFile.interpolate("${EMPTY-default}", variables)).isEmpty();
    assertThat(ComposeFile.interpolate("${UNSET}/$${SET}", variables)).isEqualTo("/${SET}");
    assertThatThrownBy(() -> ComposeFile.interpolate("${EMPTY:?say so}", variables))
        .hasMessageContaining("say so");
  }

  /** What a user must provide (.env); everything else has a default in the file. */
  static Map<String, String> requiredVariables() {
    return Map.of("LIVEPEER_API_KEY", "a-key");
  }

  private static int setting(List<String> command, String name) {
    return command.stream()
        .filter(argument -> argument.startsWith(name + "="))
        .map(argument -> Integer.parseInt(argument.substring(name.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("postgres is not started with " + name));
  }
}
