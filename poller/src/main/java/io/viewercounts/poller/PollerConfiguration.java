package io.viewercounts.poller;

import io.micrometer.core.instrument.MeterRegistry;
import io.viewercounts.poller.livepeer.LivepeerClient;
import io.viewercounts.poller.poll.PollCycle;
import io.viewercounts.poller.poll.PollLoop;
import io.viewercounts.poller.poll.PollStatus;
import io.viewercounts.poller.poll.PollerMetrics;
import io.viewercounts.poller.streams.StreamTableWriter;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
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
    LivepeerClient livepeerClient(LivepeerProperties livepeer) {
      return LivepeerClient.create(
          livepeer.apiUrl(),
          livepeer.apiKey(),
          livepeer.connectTimeout(),
          livepeer.requestTimeout());
    }

    @Bean
    StreamTableWriter streamTableWriter(DataSource dataSource, PollerProperties poller) {
      return new StreamTableWriter(dataSource, poller.writeTimeout());
    }

    @Bean
    PollerMetrics pollerMetrics(MeterRegistry meterRegistry) {
      return new PollerMetrics(meterRegistry);
    }

    @Bean
    PollCycle pollCycle(
        LivepeerClient livepeerClient,
        StreamTableWriter streamTableWriter,
        PollerMetrics pollerMetrics,
        PollStatus pollStatus) {
      return new PollCycle(
          livepeerClient, streamTableWriter, pollerMetrics, pollStatus, Clock.systemUTC());
    }

    @Bean
    PollLoopLifecycle pollLoopLifecycle(PollCycle pollCycle, PollerProperties poller) {
      return new PollLoopLifecycle(new PollLoop(pollCycle, poller.interval()));
    }
  }
}
