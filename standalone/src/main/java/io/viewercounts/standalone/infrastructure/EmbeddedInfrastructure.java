package io.viewercounts.standalone.infrastructure;

import io.viewercounts.standalone.StandaloneProperties;
import io.viewercounts.standalone.simulator.LivepeerSimulator;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the infrastructure the configuration does not point elsewhere, before the apps' beans
 * are created, and hands its addresses to them as ordinary properties:
 *
 * <ul>
 *   <li>no {@code spring.datasource.url}: an embedded PostgreSQL with {@code wal_level=logical};
 *   <li>no {@code kafka.bootstrap-servers}: an in-process KRaft Kafka broker, and a fresh state
 *       directory for the topology;
 *   <li>the poller enabled, no {@code livepeer.api-key} and the default API URL: the Livepeer
 *       simulator.
 * </ul>
 *
 * <p>Each part is registered as a disposable singleton before any bean of the apps exists, so the
 * context destroys it after them: on shutdown the apps stop first, then Kafka and PostgreSQL.
 */
public final class EmbeddedInfrastructure
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  /** The API URL the poller uses when none is configured; with no key it cannot be polled. */
  static final String LIVEPEER_STUDIO_API = "https://livepeer.studio/api";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment environment = context.getEnvironment();
    StandaloneProperties settings =
        Binder.get(environment).bindOrCreate("standalone", StandaloneProperties.class);
    DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
    Deque<AutoCloseable> started = new ArrayDeque<>();
    Map<String, Object> addresses = new LinkedHashMap<>();
    try {
      if (!environment.containsProperty("spring.datasource.url")) {
        EmbeddedDatabase database = register(beans, started, "embeddedDatabase", EmbeddedDatabase.start(settings.postgresPort()));
        addresses.put("spring.datasource.url", database.jdbcUrl());
        addresses.put("spring.datasource.username", database.username());
        log.info("Started the embedded PostgreSQL at {}", database.jdbcUrl());
      }
      if (!environment.containsProperty("kafka.bootstrap-servers")) {
        InProcessKafka kafka = register(beans, started, "inProcessKafka", InProcessKafka.start(settings.kafkaPort()));
        addresses.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        // The topology's local state must not outlive the broker whose changelogs back it: a
        // store left from an earlier run would hold versions of a database that is gone.
        TemporaryDirectory state = register(beans, started, "topologyState", TemporaryDirectory.create("viewer-counts-streams"));
        addresses.put("cdc.topology.state-dir", state.path().toString());
        log.info("Started the in-process Kafka broker at {}", kafka.bootstrapServers());
      }
      if (needsSimulator(environment)) {
        StandaloneProperties.Simulator simulated = settings.simulator();
        LivepeerSimulator simulator =
            register(beans, started, "livepeerSimulator",
                LivepeerSimulator.start(simulated.port(), simulated.streams(), simulated.tick(), simulated.drift()));
        addresses.put("livepeer.api-url", simulator.apiUrl());
        log.info("Started the Livepeer simulator at {} with {} streams, {} (no LIVEPEER_API_KEY given)",
            simulator.apiUrl(), simulated.streams(),
            simulated.drift()
                ? "audiences moving every " + simulated.tick()
                : "audiences still but for PUT /simulator/streams/{id}/viewers");
      }
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
    environment.getPropertySources().addFirst(new MapPropertySource("embeddedInfrastructure", addresses));
  }

  private static boolean needsSimulator(ConfigurableEnvironment environment) {
    boolean pollerEnabled = environment.getProperty("poller.enabled", Boolean.class, true);
    String apiKey = environment.getProperty("livepeer.api-key", "");
    String apiUrl = environment.getProperty("livepeer.api-url", LIVEPEER_STUDIO_API);
    return pollerEnabled && apiKey.isBlank() && apiUrl.equals(LIVEPEER_STUDIO_API);
  }

  private static <T extends AutoCloseable> T register(
      DefaultListableBeanFactory beans, Deque<AutoCloseable> started, String name, T part) {
    started.push(part);
    beans.registerSingleton(name, part);
    beans.registerDisposableBean(name, part::close);
    return part;
  }

  private static void closeAll(Deque<AutoCloseable> started) {
    for (AutoCloseable part : started) {
      try {
        part.close();
      } catch (Exception e) {
        log.warn("Could not stop {} cleanly: {}", part.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}
