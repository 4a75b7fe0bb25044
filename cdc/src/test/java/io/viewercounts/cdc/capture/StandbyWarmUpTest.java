package io.viewercounts.cdc.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StandbyWarmUpTest {

  @Test
  void namesTheClassOfAResourceInAJarOnTheClassPath() {
    String url = "jar:file:/app/lib/debezium-embedded-3.6.1.Final.jar!/io/debezium/embedded/async/"
        + "AsyncEmbeddedEngine$EngineState.class";

    assertThat(StandbyWarmUp.className(url, "io/debezium/"))
        .isEqualTo("io.debezium.embedded.async.AsyncEmbeddedEngine$EngineState");
  }

  @Test
  void namesTheClassOfAResourceInAJarNestedInTheAppJar() {
    String url = "jar:nested:/opt/cdc.jar/!BOOT-INF/lib/postgresql-42.7.11.jar!/org/postgresql/"
        + "replication/PGReplicationStream.class";

    assertThat(StandbyWarmUp.className(url, "org/postgresql/"))
        .isEqualTo("org.postgresql.replication.PGReplicationStream");
  }
}
