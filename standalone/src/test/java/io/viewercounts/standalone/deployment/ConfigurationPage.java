package io.viewercounts.standalone.deployment;

import io.viewercounts.standalone.StandaloneProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * docs/configuration.md, made from its hand-kept source (docs/src/configuration.md: the prose, with
 * a {@code <!-- keys: app -->} line where each app's table goes; docs/src/configuration-keys.yml:
 * the Spring and Kafka keys each app documents) and from the code: each app's keys from its
 * {@code @ConfigurationProperties} records, their meaning from the records' javadoc (Spring Boot's
 * configuration metadata), their allowed values from the records' validation, their defaults from
 * the app's yml files and their environment variables by relaxed binding.
 */
final class ConfigurationPage {

  static final String PAGE = "docs/configuration.md";
  static final String SOURCE = "docs/src/configuration.md";
  static final String SPRING_KEYS = "docs/src/configuration-keys.yml";

  /** The command that writes the page afresh (ConfigurationPageTest in its writing mode). */
  static final String REGENERATE =
      "mvn -B -q -pl standalone -am verify -Dtest=ConfigurationPageTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -DwriteConfigurationPage=true";

  private static final java.util.regex.Pattern KEYS_LINE =
      java.util.regex.Pattern.compile("(?m)^<!-- keys: ([a-z]+) -->$");
  private static final java.util.regex.Pattern SOURCE_COMMENT =
      java.util.regex.Pattern.compile("\\A<!--.*?-->\\n", java.util.regex.Pattern.DOTALL);

  private record Row(String key, String variable, String defaultValue, String meaning) {}

  private ConfigurationPage() {}

  static String generate() {
    String source = Repository.read(SOURCE);
    Matcher comment = SOURCE_COMMENT.matcher(source);
    if (!comment.find()) {
      throw new IllegalStateException(SOURCE + " must start with its <!-- ... --> comment");
    }
    String body = source.substring(comment.end());
    StringBuilder page =
        new StringBuilder(
            "<!-- Generated from "
                + SOURCE
                + ", "
                + SPRING_KEYS
                + " and the apps' @ConfigurationProperties; edit those, not this page, then"
                + " regenerate it:\n     "
                + REGENERATE
                + " -->\n");
    Matcher keys = KEYS_LINE.matcher(body);
    int at = 0;
    while (keys.find()) {
      page.append(body, at, keys.start()).append(table(keys.group(1)));
      at = keys.end();
    }
    return page.append(body.substring(at)).toString();
  }

  private static String table(String app) {
    List<Row> rows = new ArrayList<>();
    if (app.equals("standalone")) {
      OwnProperties.componentsOf(StandaloneProperties.class)
          .forEach((key, component) -> rows.add(standaloneRow(key, component)));
    } else {
      AppConfiguration configuration = AppConfiguration.of(app);
      OwnProperties.components(AppConfiguration.mainClass(app))
          .forEach((key, component) -> rows.add(ownRow(configuration, key, component)));
      for (Map<String, Object> springKey : springKeys(app)) {
        rows.add(springRow(configuration, springKey));
      }
    }
    StringBuilder table =
        new StringBuilder(
            "| key | environment variable | default | meaning |\n|---|---|---|---|");
    for (Row row : rows) {
      table.append(
          String.format(
              "%n| `%s` | `%s` | %s | %s |",
              row.key(), row.variable(), row.defaultValue(), row.meaning()));
    }
    return table.toString();
  }

  private static Row ownRow(AppConfiguration configuration, String key, RecordComponent component) {
    String variable = variable(key);
    if (!configuration.keyOf(variable).equals(Optional.of(key))) {
      throw new IllegalStateException(variable + " does not set " + key + " in its app");
    }
    String defaultValue =
        configuration
            .defaultValue(key)
            .or(() -> metadataDefault(key))
            .map(ConfigurationPage::code)
            .orElse("none");
    return new Row(key, variable, defaultValue, meaning(key, component));
  }

  private static Row standaloneRow(String key, RecordComponent component) {
    String variable = variable(key);
    if (!AppConfiguration.variableSets(variable, key)) {
      throw new IllegalStateException(variable + " does not set " + key);
    }
    String defaultValue = metadataDefault(key).map(ConfigurationPage::code).orElse("none");
    return new Row(key, variable, defaultValue, meaning(key, component));
  }

  private static Row springRow(AppConfiguration configuration, Map<String, Object> springKey) {
    String key = (String) springKey.get("key");
    String variable = variable(key);
    if (!configuration.keyOf(variable).equals(Optional.of(key))) {
      throw new IllegalStateException(
          SPRING_KEYS + ": " + variable + " does not set " + key + " in its app");
    }
    String defaultValue =
        configuration
            .defaultValue(key)
            .map(ConfigurationPage::code)
            .or(() -> Optional.ofNullable((String) springKey.get("default")))
            .orElse("none");
    return new Row(key, variable, defaultValue, (String) springKey.get("meaning"));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> springKeys(String app) {
    Object keys = Repository.yaml(SPRING_KEYS).get(0).get(app);
    return keys == null ? List.of() : (List<Map<String, Object>>) keys;
  }

  /** The variable relaxed binding maps to a key: upper case, with _ for . and -. */
  static String variable(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Optional<String> metadataDefault(String key) {
    return ConfigurationMetadata.documentation(key)
        .map(ConfigurationMetadata.Documentation::defaultValue);
  }

  /** The javadoc of the key's record component as a sentence, with the values it allows. */
  private static String meaning(String key, RecordComponent component) {
    String description =
        ConfigurationMetadata.documentation(key)
            .map(ConfigurationMetadata.Documentation::description)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no description of "
                            + key
                            + " in the configuration metadata: give "
                            + component.getDeclaringRecord().getSimpleName()
                            + " a javadoc @param "
                            + component.getName()
                            + ", and build with the configuration processor"));
    String sentence = Javadoc.toMarkdown(description).strip();
    sentence = Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    if (!sentence.endsWith(".")) {
      sentence += ".";
    }
    String allowed = allowed(component);
    return allowed.isEmpty() ? sentence : sentence + " Allowed: " + allowed + ".";
  }

  /** The values the component's validation allows, in words; empty when it says nothing of them. */
  static String allowed(RecordComponent component) {
    // Constraint annotations do not target record components: Java puts them on the accessor.
    Method accessor = component.getAccessor();
    Min min = accessor.getAnnotation(Min.class);
    Max max = accessor.getAnnotation(Max.class);
    DurationMin durationMin = accessor.getAnnotation(DurationMin.class);
    DurationMax durationMax = accessor.getAnnotation(DurationMax.class);
    Pattern pattern = accessor.getAnnotation(Pattern.class);
    if (min != null || max != null) {
      return range(
          min == null ? null : String.valueOf(min.value()),
          max == null ? null : String.valueOf(max.value()));
    }
    if (durationMin != null || durationMax != null) {
      return range(
          durationMin == null
              ? null
              : duration(
                  durationMin.days(), durationMin.hours(), durationMin.minutes(),
                  durationMin.seconds(), durationMin.millis(), durationMin.nanos()),
          durationMax == null
              ? null
              : duration(
                  durationMax.days(), durationMax.hours(), durationMax.minutes(),
                  durationMax.seconds(), durationMax.millis(), durationMax.nanos()));
    }
    if (accessor.isAnnotationPresent(Positive.class)) {
      return "above 0";
    }
    if (pattern != null) {
      if (pattern.regexp().matches("[a-z0-9_]+(\\|[a-z0-9_]+)+")) {
        return "`" + String.join("` or `", pattern.regexp().split("\\|")) + "`";
      }
      return pattern.message().startsWith("{")
          ? "matching `" + pattern.regexp() + "`"
          : pattern.message().replaceFirst("^must be ", "");
    }
    return "";
  }

  private static String range(String least, String most) {
    if (least != null && most != null) {
      return least + " to " + most;
    }
    return least != null ? "at least " + least : "at most " + most;
  }

  /** A duration as the yml files write it: 250ms, 5s, 10m, 1h, 7d. */
  private static String duration(
      long days, long hours, long minutes, long seconds, long millis, long nanos) {
    Duration duration =
        Duration.ofDays(days)
            .plusHours(hours)
            .plusMinutes(minutes)
            .plusSeconds(seconds)
            .plusMillis(millis)
            .plusNanos(nanos);
    long ms = duration.toMillis();
    if (ms == 0) {
      return "0s";
    }
    for (Map.Entry<Long, String> unit :
        List.of(
            Map.entry(86_400_000L, "d"),
            Map.entry(3_600_000L, "h"),
            Map.entry(60_000L, "m"),
            Map.entry(1_000L, "s"))) {
      if (ms % unit.getKey() == 0) {
        return ms / unit.getKey() + unit.getValue();
      }
    }
    return ms + "ms";
  }

  /** A value as code; the empty string as {@code ""}. */
  private static String code(String value) {
    return value.isEmpty() ? "`\"\"`" : "`" + value + "`";
  }
}
