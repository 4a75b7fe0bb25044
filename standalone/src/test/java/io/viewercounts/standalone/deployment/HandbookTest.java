package io.viewercounts.standalone.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The handbook in docs/ stays true to the code: the configuration tables list every key of each app
 * with the default its yml gives it and a variable that really sets it, and the services the
 * architecture names are those of docker-compose.yml.
 */
class HandbookTest {

  private static final String CONFIGURATION = "docs/configuration.md";
  private static final String ARCHITECTURE = "docs/architecture.md";

  // | `key` | `VARIABLE` | default | meaning |
  private static final Pattern ROW =
      Pattern.compile("(?m)^\\|\\s*`([^`]+)`\\s*\\|\\s*`([^`]+)`\\s*\\|\\s*([^|]*?)\\s*\\|");

  @Test
  void everyKeyOfEachAppIsDocumented() {
    for (String app : AppConfiguration.APPS) {
      Map<String, Row> rows = rows(app);
      assertThat(rows.keySet())
          .as("keys of %s in the %s section of %s", app, app, CONFIGURATION)
          .containsAll(AppConfiguration.of(app).ownKeys());
    }
  }

  @Test
  void everyDocumentedKeyIsSetByItsVariableAndHasItsRealDefault() {
    for (String app : AppConfiguration.APPS) {
      AppConfiguration configuration = AppConfiguration.of(app);
      for (Row row : rows(app).values()) {
        assertThat(configuration.keyOf(row.variable()))
            .as("%s: %s sets %s", app, row.variable(), row.key())
            .contains(row.key());
        configuration
            .ymlValue(row.key())
            .ifPresent(
                value ->
                    assertThat(row.defaultValue())
                        .as("%s: documented default of %s", app, row.key())
                        .isEqualTo(configuration.setting(row.key(), Map.of()).orElseThrow()));
      }
    }
  }

  @Test
  void theDocumentedServicesAreThoseOfTheComposeFile() {
    String architecture = Repository.read(ARCHITECTURE);
    String table =
        architecture.substring(architecture.indexOf("| service | image | replicas | role |"));
    List<String> services = new ArrayList<>();
    Matcher row = Pattern.compile("(?m)^\\|\\s*`([a-z-]+)`\\s*\\|").matcher(table);
    while (row.find()) {
      services.add(row.group(1));
    }
    assertThat(services).containsExactlyInAnyOrderElementsOf(ComposeFile.load().serviceNames());
  }

  @Test
  void theHandbookLinksResolve() {
    for (String page : List.of(CONFIGURATION, ARCHITECTURE, "docs/operations.md")) {
      Matcher link =
          Pattern.compile("\\]\\((?!https?:)([^)#]+)(#[^)]*)?\\)").matcher(Repository.read(page));
      while (link.find()) {
        assertThat(Repository.path(page).getParent().resolve(link.group(1)).normalize())
            .as("link %s in %s", link.group(), page)
            .exists();
      }
    }
  }

  private record Row(String key, String variable, String defaultValue) {}

  /** The rows of an app's section ("## poller") of the configuration page, by key. */
  private static Map<String, Row> rows(String app) {
    String page = Repository.read(CONFIGURATION);
    Matcher heading = Pattern.compile("(?m)^## " + app + "\\s*$").matcher(page);
    assertThat(heading.find()).as("%s has a section ## %s", CONFIGURATION, app).isTrue();
    int next = page.indexOf("\n## ", heading.end());
    String section = page.substring(heading.end(), next < 0 ? page.length() : next);
    Map<String, Row> rows = new LinkedHashMap<>();
    Matcher row = ROW.matcher(section);
    while (row.find()) {
      String documented = row.group(3);
      String defaultValue =
          documented.startsWith("`") && documented.endsWith("`")
              ? documented.substring(1, documented.length() - 1)
              : documented;
      rows.put(
          row.group(1),
          new Row(row.group(1), row.group(2), defaultValue.equals("\"\"") ? "" : defaultValue));
    }
    return rows;
  }
}
