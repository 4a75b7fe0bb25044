package io.viewercounts.poller;

import io.micrometer.core.instrument.MeterRegistry;
import io.viewercounts.poller.leader.LeaderLock;
import io.viewercounts.poller.livepeer.CircuitBreaker;
import io.viewercounts.poller.livepeer.LivepeerClient;
import io.viewercounts.poller.poll.PollCycle;
import io.viewercounts.poller.poll.PollLoop;
import io.viewercounts.poller.poll.PollStatus;
import io.viewercounts.poller.poll.PollerMetrics;
import io.viewercounts.poller.streams.StreamTableWriter;
import java.time.Clock;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The whole poller module, for {@link PollerApplication} and for the standalone (which imports it
 * into its own context). The health indicator always exists, so a readiness group naming {@code
 * poller} stays valid with polling disabled; the loop and its parts exist only when {@code
 * poller.enabled} is true.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LivepeerProperties.class, PollerProperties.class})
public class PollerConfiguration {

  @Bean
  PollStatus pollStatus() {
    return new PollStatus();
  }

  @Bean
  HealthIndicator pollerHealthIndicator(PollStatus pollStatus, PollerProperties properties) {
    return new PollerHealthIndicator(pollStatus, properties, Clock.systemUTC());
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBooleanProperty(name = "poller.enabled", matchIfMissing = true)
  static class PollLoopConfiguration {

    @Bean
    CircuitBreaker livepeerCircuitBreaker(LivepeerProperties livepeer) {
      return new CircuitBreaker(
          livepeer.circuit().failureThreshold(),
          livepeer.circuit().openDuration(),
          Clock.systemUTC());
    }

    @Bean
    PollerMetrics pollerMetrics(MeterRegistry meterRegistry, CircuitBreaker livepeerCircuitBreaker) {
      return new PollerMetrics(meterRegistry, livepeerCircuitBreaker);
    }

    @Bean
    LivepeerClient livepeerClient(
        LivepeerProperties livepeer,
        CircuitBreaker livepeerCircuitBreaker,
        PollerMetrics pollerMetrics) {
      return LivepeerClient.create(
              livepeer.apiUrl(),
              livepeer.apiKey(),
              livepeer.connectTimeout(),
              livepeer.requestTimeout())
          .withResilience(
              livepeer.retry().policy(), livepeerCircuitBreaker, pollerMetrics::recordRetry);
    }

    /**
     * The lock's own session comes from a non-pooled data source on the same database as Boot's
     * pool (see {@link LeaderLock} for why never from the pool).
     */
    @Bean
    LeaderLock leaderLock(JdbcConnectionDetails database, PollerProperties poller) {
      PGSimpleDataSource sessions = new PGSimpleDataSource();
      sessions.setUrl(database.getJdbcUrl());
      sessions.setUser(database.getUsername());
      sessions.setPassword(database.getPassword());
      // Shows in pg_stat_activity, so an operator sees which session holds the lock.
      sessions.setApplicationName("viewercounts-poller");
      sessions.setTcpKeepAlive(true);
      return new LeaderLock(sessions, poller.lockId());
    }

    @Bean
    StreamTableWriter streamTableWriter(PollerProperties poller) {
      return new StreamTableWriter(poller.writeTimeout());
    }

    @Bean
    PollCycle pollCycle(
        LivepeerClient livepeerClient,
        LeaderLock leaderLock,
        StreamTableWriter streamTableWriter,
        PollerProperties poller,
        PollerMetrics pollerMetrics,
        PollStatus pollStatus) {
      return new PollCycle(
          livepeerClient,
          leaderLock,
          streamTableWriter,
          poller.emptyListConfirmations(),
          poller.unlistedStreamConfirmations(),
          pollerMetrics,
          pollStatus,
          Clock.systemUTC());
    }

    @Bean
    PollLoopLifecycle pollLoopLifecycle(
        PollCycle pollCycle, LeaderLock leaderLock, PollerProperties poller) {
      return new PollLoopLifecycle(new PollLoop(pollCycle, poller.interval()), leaderLock);
    }
  }
}
