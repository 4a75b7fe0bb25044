package io.viewercounts.standalone;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tells the person who started the standalone where to look, as the last line of its start: once
 * every part is ready (the readiness group is UP: the poller has polled, the capture runs, the feed
 * has loaded; and the topology runs), so the page shows counts when opened and no start-up line
 * pushes the URL away.
 * Waits on its own thread; if readiness takes longer than {@link #PATIENCE}, says so with the URL.
 */
final class ReadyMessage implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger log = LoggerFactory.getLogger(ReadyMessage.class);
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Duration CHECK_EVERY = Duration.ofMillis(200);

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    ConfigurableApplicationContext context = event.getApplicationContext();
    String url = "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/";
    Thread waiting = new Thread(() -> announceWhenReady(context, url), "ready-message");
    waiting.setDaemon(true);
    waiting.start();
  }

  private static void announceWhenReady(ConfigurableApplicationContext context, String url) {
    HealthEndpoint health = context.getBean(HealthEndpoint.class);
    Instant giveUp = Instant.now().plus(PATIENCE);
    try {
      while (context.isActive() && !ready(health)) {
        if (Instant.now().isAfter(giveUp)) {
          log.warn("viewer-counts is not ready after {} s (see /actuator/health/readiness); its page: {}",
              PATIENCE.toSeconds(), url);
          return;
        }
        Thread.sleep(CHECK_EVERY.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (context.isActive()) {
      // Blank lines around it, so the one line to act on stands out of the log.
      log.info("\n\n    viewer-counts is running: open {}   (stop it with Ctrl-C)\n", url);
    }
  }

  /**
   * Readiness is UP, and the topology runs: its health is UP while it rebalances too (as members
   * come and go), which at the first start is before it has taken its partitions.
   */
  private static boolean ready(HealthEndpoint health) {
    HealthDescriptor readiness = health.healthForPath("readiness");
    return readiness != null
        && Status.UP.equals(readiness.getStatus())
        && health.healthForPath("topology") instanceof IndicatedHealthDescriptor topology
        && "RUNNING".equals(String.valueOf(topology.getDetails().get("state")));
  }
}
