package io.viewercounts.poller;

import io.viewercounts.startup.ForegroundInitialization;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Runs the poller alone: Livepeer to the {@code streams} table, with actuator health and metrics.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(PollerConfiguration.class)
public class PollerApplication {

  public static void main(String[] args) {
    ForegroundInitialization.apply();
    SpringApplication.run(PollerApplication.class, args);
  }
}
