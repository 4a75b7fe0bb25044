package io.viewercounts.standalone.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * docs/configuration.md is what {@link ConfigurationPage} makes of the code and its hand-kept
 * source, so the page cannot drift from the apps' real keys, defaults and variables. Run with
 * {@code -DwriteConfigurationPage=true} ({@link ConfigurationPage#REGENERATE}) it writes the page
 * instead.
 */
class ConfigurationPageTest {

  @Test
  @DisabledIfSystemProperty(named = "writeConfigurationPage", matches = "true")
  void theCommittedPageIsTheOneTheCodeMakes() {
    assertThat(Repository.read(ConfigurationPage.PAGE))
        .as(
            "%s differs from what the code and %s make of it; regenerate it with:%n%s%n",
            ConfigurationPage.PAGE, ConfigurationPage.SOURCE, ConfigurationPage.REGENERATE)
        .isEqualTo(ConfigurationPage.generate());
  }

  @Test
  @EnabledIfSystemProperty(named = "writeConfigurationPage", matches = "true")
  void writeThePage() throws Exception {
    Files.writeString(Repository.path(ConfigurationPage.PAGE), ConfigurationPage.generate());
  }

  @Test
  void everyKeyOfTheRecordsHasAJavadocMeaningAndAVariableThatSetsIt() {
    String page = ConfigurationPage.generate();
    for (String app : AppConfiguration.APPS) {
      for (String key : AppConfiguration.of(app).ownKeys()) {
        assertThat(page).contains("| `" + key + "` | `" + ConfigurationPage.variable(key) + "` |");
      }
    }
    assertThat(page).doesNotContain("{@");
  }

  @Test
  void theAllowedValuesComeFromTheValidation() {
    String page = ConfigurationPage.generate();
    assertThat(page)
        .containsPattern("\\| `livepeer.retry.max-attempts` \\|[^\\n]*Allowed: 1 to 10\\. \\|")
        .containsPattern("\\| `cdc.capture.shutdown-timeout` \\|[^\\n]*Allowed: 1ms to 5s\\. \\|")
        .containsPattern(
            "\\| `cdc.topology.processing-guarantee` \\|[^\\n]*Allowed: `exactly_once_v2` or"
                + " `at_least_once`\\. \\|");
  }
}
