package io.viewercounts.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.poller.livepeer.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class PollerPropertiesTest {

  static final String KEY = "lp-0b9d-properties-test-key";

  final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withUserConfiguration(PropertiesOnly.class)
          .withPropertyValues(
              "livepeer.api-url=https://livepeer.studio/api",
              "livepeer.api-key=" + KEY,
              "livepeer.connect-timeout=5s",
              "livepeer.request-timeout=10s",
              "livepeer.retry.max-attempts=3",
              "livepeer.retry.initial-backoff=250ms",
              "livepeer.retry.max-backoff=2s",
              "livepeer.circuit.failure-threshold=3",
              "livepeer.circuit.open-duration=30s",
              "poller.interval=5s",
              "poller.write-timeout=10s",
              "poller.lock-id=8530785743032575346",
              "poller.empty-list-confirmations=3",
              "poller.unlisted-stream-confirmations=3");

  @Test
  void bindsTheLivepeerSettings() {
    context.run(
        ctx ->
            assertThat(ctx.getBean(LivepeerProperties.class))
                .isEqualTo(
                    new LivepeerProperties(
                        URI.create("https://livepeer.studio/api"),
                        KEY,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        new LivepeerProperties.Retry(
                            3, Duration.ofMillis(250), Duration.ofSeconds(2)),
                        new LivepeerProperties.Circuit(3, Duration.ofSeconds(30)))));
  }

  @Test
  void bindsThePollerSettings() {
    context.run(
        ctx ->
            assertThat(ctx.getBean(PollerProperties.class))
                .isEqualTo(
                    new PollerProperties(
                        true,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        8530785743032575346L,
                        3,
                        3)));
  }

  @Test
  void turnsTheRetrySettingsIntoAPolicy() {
    context.run(
        ctx ->
            assertThat(ctx.getBean(LivepeerProperties.class).retry().policy())
                .isEqualTo(new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(2))));
  }

  @Test
  void refusesNoAttemptAtAll() {
    context
        .withPropertyValues("livepeer.retry.max-attempts=0")
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("maxAttempts"));
  }

  @Test
  void refusesAMaxBackoffShorterThanTheInitialOne() {
    context
        .withPropertyValues("livepeer.retry.max-backoff=100ms")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("maxBackoffAtLeastInitial"));
  }

  @Test
  void refusesACircuitThatNeverLetsAFailureThrough() {
    context
        .withPropertyValues("livepeer.circuit.failure-threshold=0")
        .run(
            ctx ->
                assertThat(ctx).getFailure().rootCause().hasMessageContaining("failureThreshold"));
  }

  @Test
  void refusesZeroEmptyListConfirmations() {
    context
        .withPropertyValues("poller.empty-list-confirmations=0")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("emptyListConfirmations"));
  }

  @Test
  void pollerYmlHoldsEveryDefault() {
    new ApplicationContextRunner()
        .withUserConfiguration(PropertiesOnly.class)
        .withPropertyValues("spring.config.import=classpath:poller.yml")
        .withInitializer(new ConfigDataApplicationContextInitializer())
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(PollerProperties.class).lockId())
                  .isEqualTo(8530785743032575346L);
              assertThat(ctx.getBean(LivepeerProperties.class).retry().maxAttempts()).isEqualTo(3);
            });
  }

  @Test
  void pollsUnlessDisabled() {
    context.run(ctx -> assertThat(ctx.getBean(PollerProperties.class).enabled()).isTrue());
    context
        .withPropertyValues("poller.enabled=false")
        .run(ctx -> assertThat(ctx.getBean(PollerProperties.class).enabled()).isFalse());
  }

  @Test
  void stripsWhitespaceAroundTheKey() {
    context
        .withPropertyValues("livepeer.api-key= " + KEY + " ")
        .run(ctx -> assertThat(ctx.getBean(LivepeerProperties.class).apiKey()).isEqualTo(KEY));
  }

  @Test
  void hidesTheKeyInItsToString() {
    context.run(
        ctx -> assertThat(ctx.getBean(LivepeerProperties.class).toString()).doesNotContain(KEY));
  }

  @Test
  void refusesAnApiUrlThatIsNotHttp() {
    context
        .withPropertyValues("livepeer.api-url=ftp://livepeer.studio/api")
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("apiUrlHttp"));
  }

  @Test
  void refusesARelativeApiUrl() {
    context
        .withPropertyValues("livepeer.api-url=/api")
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("apiUrlHttp"));
  }

  @Test
  void refusesAnIntervalThatIsNotPositive() {
    context
        .withPropertyValues("poller.interval=0s")
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("interval"));
  }

  @Test
  void refusesAMissingTimeout() {
    context
        .withPropertyValues("livepeer.request-timeout=")
        .run(
            ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("requestTimeout"));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({LivepeerProperties.class, PollerProperties.class})
  static class PropertiesOnly {}
}
