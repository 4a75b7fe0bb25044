package io.viewercounts.standalone;

import io.viewercounts.broadcaster.BroadcasterConfiguration;
import io.viewercounts.cdc.CdcConfiguration;
import io.viewercounts.poller.PollerConfiguration;
import io.viewercounts.standalone.infrastructure.EmbeddedInfrastructure;
import io.viewercounts.startup.ForegroundInitialization;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * The whole pipeline in one process: the poller, the capture and topology, and the broadcaster,
 * wired exactly as when they run alone, on infrastructure that {@link EmbeddedInfrastructure}
 * starts for whatever the configuration does not point elsewhere.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({PollerConfiguration.class, CdcConfiguration.class, BroadcasterConfiguration.class})
// Bound by EmbeddedInfrastructure before the context exists; enabled here so that the start-up
// check validates it with the apps' settings, first.
@EnableConfigurationProperties(StandaloneProperties.class)
public class StandaloneApplication {

  public static void main(String[] args) {
    ForegroundInitialization.apply();
    application().run(args);
  }

  /** The application as {@code main} runs it, for tests to start the same way. */
  public static SpringApplication application() {
    return new SpringApplicationBuilder(StandaloneApplication.class)
        .initializers(new EmbeddedInfrastructure())
        .listeners(new ReadyMessage())
        .build();
  }
}
