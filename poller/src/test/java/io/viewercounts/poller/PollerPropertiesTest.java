package io.viewercounts.poller;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
              "poller.interval=5s",
              "poller.write-timeout=10s");

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
                        Duration.ofSeconds(10))));
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
