package io.viewercounts.startup;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * One line when an app has started, in place of Spring Boot's start-up information, which the
 * quiet console (logging.yml) turns off: how long it took and where its health is.
 */
public final class StartedMessage implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger log = LoggerFactory.getLogger(StartedMessage.class);

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    Environment environment = event.getApplicationContext().getEnvironment();
    String port = environment.getProperty("local.server.port");
    if (port == null) {
      return; // not a web application: no health to point at (tests of parts of an app)
    }
    log.info("{} started in {} s; health: {}",
        environment.getProperty("spring.application.name", "application"),
        String.format(Locale.ROOT, "%.1f", event.getTimeTaken().toMillis() / 1000.0),
        healthUrl(environment));
  }

  /** The actuator health URL on this machine: the management port if it has one of its own. */
  public static String healthUrl(Environment environment) {
    String port = environment.getProperty("local.server.port");
    return "http://localhost:" + environment.getProperty("local.management.port", port) + "/actuator/health";
  }
}
