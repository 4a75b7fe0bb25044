package io.viewercounts.standalone.deployment;

import io.viewercounts.standalone.deployment.ConfigurationMetadata.Property;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The configuration of one app as it runs alone (poller, cdc or broadcaster): the keys it has and
 * the values its own yml files give them, and which environment variable sets which key under
 * Spring Boot's relaxed binding.
 *
 * <p>A key of the app is one of:
 *
 * <ul>
 *   <li>a property of the {@code @ConfigurationProperties} records the app enables (read from the
 *       records themselves, as the binder sees them);
 *   <li>a key set in its {@code application.yml} or {@code <app>.yml}, or a placeholder named there
 *       ({@code ${kafka.bootstrap-servers:...}}, {@code ${SERVER_PORT:8080}});
 *   <li>a Spring Boot property (from the metadata of Boot's jars) of a family the app uses: one its
 *       yml files configure ({@code spring.datasource}, {@code spring.kafka}, ...) or one every app
 *       has ({@code server}, {@code management}, {@code logging}, ...). So {@code
 *       SPRING_DATASOURCE_URL} is a key of the poller and of the cdc, not of the broadcaster, which
 *       has no database.
 * </ul>
 */
final class AppConfiguration {

  static final Set<String> APPS = Set.of("poller", "cdc", "broadcaster");

  /** Families of Boot properties that every app of ours has: all are Boot web apps. */
  private static final Set<String> COMMON_FAMILIES =
      Set.of(
          "server",
          "management",
          "logging",
          "spring.main",
          "spring.lifecycle",
          "spring.application",
          "spring.config",
          "spring.threads",
          "spring.jmx",
          "spring.output");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

  private final Map<String, String> yml;
  private final Map<String, String> placeholderDefaults;
  private final List<Property> ownProperties;
  private final List<Property> bootProperties;

  private AppConfiguration(String app) {
    this.yml = new LinkedHashMap<>();
    for (String file : List.of("application.yml", app + ".yml")) {
      for (Map<String, Object> document : Repository.yaml(resource(app, file))) {
        flatten("", document, yml);
      }
    }
    this.placeholderDefaults = new LinkedHashMap<>();
    for (String value : yml.values()) {
      Matcher placeholder = PLACEHOLDER.matcher(value);
      while (placeholder.find()) {
        placeholderDefaults.put(placeholder.group(1), placeholder.group(2));
      }
    }
    this.ownProperties = OwnProperties.of(mainClass(app));
    Set<String> families = families();
    this.bootProperties =
        ConfigurationMetadata.all().stream()
            .filter(p -> !p.declaredIn("io.viewercounts."))
            .filter(p -> families.contains(family(p.name())))
            .toList();
  }

  static AppConfiguration of(String app) {
    if (!APPS.contains(app)) {
      throw new IllegalArgumentException("not an app of ours: " + app);
    }
    return new AppConfiguration(app);
  }

  /** io.viewercounts.poller.PollerApplication for poller, and so on. */
  static Class<?> mainClass(String app) {
    String name =
        "io.viewercounts."
            + app
            + "."
            + Character.toUpperCase(app.charAt(0))
            + app.substring(1)
            + "Application";
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("no main class " + name + " for app " + app, e);
    }
  }

  static String resource(String app, String file) {
    return app + "/src/main/resources/" + file;
  }

  /** The keys of the app's own properties records, e.g. poller.interval. */
  Set<String> ownKeys() {
    Set<String> keys = new LinkedHashSet<>();
    ownProperties.forEach(p -> keys.add(p.name()));
    return keys;
  }

  /** The value the app's yml files give a key, placeholders as written; empty if they set none. */
  Optional<String> ymlValue(String key) {
    return Optional.ofNullable(yml.get(key));
  }

  /** The key an environment variable sets in this app, if any. */
  Optional<String> keyOf(String variable) {
    ConfigurationPropertySource environment = environmentWith(variable);
    for (String key : yml.keySet()) {
      if (sets(environment, key, false)) {
        return Optional.of(key);
      }
    }
    for (List<Property> properties : List.of(ownProperties, bootProperties)) {
      for (Property property : properties) {
        if (sets(environment, property.name(), property.hasChildren())) {
          return Optional.of(property.name());
        }
      }
    }
    // Placeholders resolve through the environment directly, e.g. KAFKA_BOOTSTRAP_SERVERS for
    // ${kafka.bootstrap-servers:localhost:9092}.
    SystemEnvironmentPropertySource raw = rawEnvironmentWith(variable);
    return placeholderDefaults.keySet().stream().filter(raw::containsProperty).findFirst();
  }

  /**
   * What the app sees for a key given these environment variables: the variable that sets it, or
   * the yml value with each placeholder taken from the variables or from its default.
   */
  Optional<String> setting(String key, Map<String, String> environment) {
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      if (sets(environmentWith(variable.getKey()), key, false)) {
        return Optional.of(variable.getValue());
      }
    }
    return ymlValue(key).map(value -> resolvePlaceholders(value, environment));
  }

  /**
   * The default the app starts with: the yml value with its placeholders at their defaults, or the
   * default of the placeholder that stands for the key ({@code ${kafka.bootstrap-servers:...}}).
   */
  Optional<String> defaultValue(String key) {
    return setting(key, Map.of())
        .or(() -> Optional.ofNullable(placeholderDefaults.get(key)));
  }

  /** Whether an environment variable sets this key, under Spring Boot's relaxed binding. */
  static boolean variableSets(String variable, String key) {
    return sets(environmentWith(variable), key, false);
  }

  /** The port actuator listens on: the management port if the app has one, else the server's. */
  int actuatorPort(Map<String, String> environment) {
    String port =
        setting("management.server.port", environment)
            .or(() -> setting("server.port", environment))
            .orElse("8080");
    return Integer.parseInt(port);
  }

  private String resolvePlaceholders(String value, Map<String, String> environment) {
    Matcher placeholder = PLACEHOLDER.matcher(value);
    StringBuilder resolved = new StringBuilder();
    while (placeholder.find()) {
      String name = placeholder.group(1);
      String replacement =
          environment.entrySet().stream()
              .filter(variable -> rawEnvironmentWith(variable.getKey()).containsProperty(name))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(placeholder.group(2) != null ? placeholder.group(2) : placeholder.group());
      placeholder.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
    }
    placeholder.appendTail(resolved);
    return resolved.toString();
  }

  private Set<String> families() {
    Set<String> families = new LinkedHashSet<>(COMMON_FAMILIES);
    yml.keySet().forEach(key -> families.add(family(key)));
    placeholderDefaults.keySet().forEach(name -> families.add(family(name)));
    return families;
  }

  /** spring.datasource.url -> spring.datasource; server.port -> server. */
  private static String family(String key) {
    String[] parts = key.split("\\.");
    return parts[0].equals("spring") && parts.length > 1 ? "spring." + parts[1] : parts[0];
  }

  /** Whether Boot's binder, reading this environment, finds a value for the key (or below it). */
  private static boolean sets(
      ConfigurationPropertySource environment, String key, boolean orBelow) {
    if (!ConfigurationPropertyName.isValid(key)) {
      return false;
    }
    ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
    return environment.getConfigurationProperty(name) != null
        || (orBelow
            && environment.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT);
  }

  /** The variable alone, as the process environment: named so that Boot applies its env mapping. */
  private static ConfigurationPropertySource environmentWith(String variable) {
    return ConfigurationPropertySource.from(rawEnvironmentWith(variable));
  }

  private static SystemEnvironmentPropertySource rawEnvironmentWith(String variable) {
    return new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "value"));
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> map, Map<String, String> into) {
    map.forEach(
        (key, value) -> {
          String name = prefix.isEmpty() ? key : prefix + "." + key;
          if (value instanceof Map) {
            flatten(name, (Map<String, Object>) value, into);
          } else if (value instanceof List<?> list) {
            into.put(name, String.join(",", list.stream().map(String::valueOf).toList()));
          } else {
            into.put(name, value == null ? "" : String.valueOf(value));
          }
        });
  }
}
