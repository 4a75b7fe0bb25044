package io.viewercounts.broadcaster;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.events.Topics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

class BroadcasterPropertiesTest {

  @Test
  void theDefaultsOfBroadcasterYmlBind() throws Exception {
    var yml =
        new YamlPropertySourceLoader()
            .load("broadcaster.yml", new ClassPathResource("broadcaster.yml"));

    BroadcasterProperties defaults =
        new Binder(ConfigurationPropertySources.from(yml))
            .bind("broadcaster", BroadcasterProperties.class)
            .get();

    assertThat(defaults)
        .isEqualTo(
            new BroadcasterProperties(
                Topics.VIEWER_COUNTS,
                Topics.VIEWER_COUNTS_1M,
                30,
                List.of(),
                256,
                DataSize.ofKilobytes(16),
                DataSize.ofBytes(512),
                1000,
                Duration.ofSeconds(25),
                Duration.ofSeconds(10),
                20,
                40));
  }
}
