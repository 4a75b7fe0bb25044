package io.viewercounts.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/** Tells the person who started the standalone where to look, once everything is up. */
final class ReadyMessage implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger log = LoggerFactory.getLogger(ReadyMessage.class);

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    Environment environment = event.getApplicationContext().getEnvironment();
    String port = environment.getProperty("local.server.port");
    String managementPort = environment.getProperty("local.management.port", port);
    log.info("viewer-counts is running: open http://localhost:{}/ (health: http://localhost:{}/actuator/health)",
        port, managementPort);
  }
}
