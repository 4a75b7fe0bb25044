package io.viewercounts.standalone.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.standalone.deployment.ComposeFile.Service;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable docker-compose.yml sets on an app is a configuration key of that app,
 * under Spring Boot's relaxed binding; a variable that is not would be ignored without a word, and
 * the setting silently lost.
 */
class ServiceEnvironmentTest {

  private final ComposeFile compose = ComposeFile.load();

  @Test
  void everyVariableSetOnAnAppIsAKeyOfThatApp() {
    for (Map.Entry<String, Service> app : compose.appServices().entrySet()) {
      AppConfiguration configuration = AppConfiguration.of(app.getKey());
      for (String variable : app.getValue().environment().keySet()) {
        assertThat(configuration.keyOf(variable))
            .as("%s sets %s: a key of %s?", app.getValue().name(), variable, app.getKey())
            .isPresent();
      }
    }
  }

  @Test
  void variablesMapToTheKeysTheyAreMeantFor() {
    AppConfiguration poller = AppConfiguration.of("poller");
    assertThat(poller.keyOf("LIVEPEER_API_KEY")).contains("livepeer.api-key");
    assertThat(poller.keyOf("POLLER_INTERVAL")).contains("poller.interval");
    assertThat(poller.keyOf("SPRING_DATASOURCE_URL")).contains("spring.datasource.url");
    assertThat(poller.keyOf("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE"))
        .contains("spring.datasource.hikari.maximum-pool-size");
    AppConfiguration broadcaster = AppConfiguration.of("broadcaster");
    assertThat(broadcaster.keyOf("BROADCASTER_ALLOWED_ORIGINS"))
        .contains("broadcaster.allowed-origins");
    assertThat(broadcaster.keyOf("BROADCASTER_ALLOWEDORIGINS"))
        .contains("broadcaster.allowed-origins");
    assertThat(broadcaster.keyOf("KAFKA_BOOTSTRAP_SERVERS")).contains("kafka.bootstrap-servers");
    assertThat(broadcaster.keyOf("MANAGEMENT_SERVER_PORT")).contains("management.server.port");
    assertThat(broadcaster.keyOf("LOGGING_LEVEL_IO_VIEWERCOUNTS")).contains("logging.level");
    assertThat(AppConfiguration.of("cdc").keyOf("CDC_CAPTURE_SLOT_NAME"))
        .contains("cdc.capture.slot-name");
  }

  @Test
  void aMadeUpVariableIsNoKey() {
    for (String app : AppConfiguration.APPS) {
      assertThat(AppConfiguration.of(app).keyOf("POLLER_INTERVALL")).as(app).isEmpty();
      assertThat(AppConfiguration.of(app).keyOf("VIEWER_COUNTS_ANYTHING")).as(app).isEmpty();
    }
  }

  @Test
  void aKeyOfAnotherAppIsNoKeyOfThisOne() {
    assertThat(AppConfiguration.of("cdc").keyOf("LIVEPEER_API_KEY")).isEmpty();
    assertThat(AppConfiguration.of("poller").keyOf("BROADCASTER_ALLOWED_ORIGINS")).isEmpty();
    assertThat(AppConfiguration.of("broadcaster").keyOf("CDC_CAPTURE_SLOT_NAME")).isEmpty();
  }

  @Test
  void aBootKeyOfAFamilyTheAppDoesNotUseIsNoKey() {
    // The broadcaster has no database, the poller no Kafka.
    assertThat(AppConfiguration.of("broadcaster").keyOf("SPRING_DATASOURCE_URL")).isEmpty();
    assertThat(AppConfiguration.of("poller").keyOf("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEmpty();
    assertThat(AppConfiguration.of("poller").keyOf("KAFKA_BOOTSTRAP_SERVERS")).isEmpty();
  }

  @Test
  void eachAppHasTheKeysOfItsOwnPropertiesRecords() {
    assertThat(AppConfiguration.of("poller").ownKeys())
        .contains("livepeer.retry.max-attempts", "poller.lock-id");
    assertThat(AppConfiguration.of("cdc").ownKeys())
        .contains("cdc.topology.state-dir")
        .doesNotContain("poller.interval");
    assertThat(AppConfiguration.of("broadcaster").ownKeys())
        .contains("broadcaster.allowed-origins");
  }
}
