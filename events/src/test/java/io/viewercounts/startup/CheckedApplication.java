package io.viewercounts.startup;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.validation.annotation.Validated;

/**
 * An app shaped like ours: a configuration imported by the application class enables a validated
 * settings record, and a bean that does not need the settings connects to a server as it is
 * created, as a pool or a Kafka client does.
 */
@Configuration(proxyBeanMethods = false)
@Import(CheckedApplication.Part.class)
class CheckedApplication {

  enum Mode { FAST, CAREFUL }

  @Validated
  @ConfigurationProperties("app")
  record Settings(
      @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration interval,
      @DefaultValue("fast") Mode mode,
      @DefaultValue("3") @Min(1) @Max(10) int count) {}

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(Settings.class)
  static class Part {

    /** Declared before anything uses the settings, so created before them by a context that gets this far. */
    @Bean
    Socket serverConnection(Environment environment) {
      String[] address = environment.getRequiredProperty("app.server").split(":");
      try {
        return new Socket(address[0], Integer.parseInt(address[1]));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Bean
    String settingsInUse(Settings settings) {
      return settings.toString();
    }
  }

  static ConfigurableApplicationContext run(String... args) {
    return new SpringApplicationBuilder(CheckedApplication.class).web(WebApplicationType.NONE).run(args);
  }
}
