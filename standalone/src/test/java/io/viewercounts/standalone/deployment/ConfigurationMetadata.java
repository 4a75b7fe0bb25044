package io.viewercounts.standalone.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every configuration property described by a {@code META-INF/spring-configuration-metadata.json}
 * on the test classpath: Spring Boot's own (each Boot jar carries one), and our modules' when their
 * build wrote it. Our own keys are read from the properties records instead ({@link
 * OwnProperties}), which does not depend on the build.
 */
final class ConfigurationMetadata {

  static final String RESOURCE = "META-INF/spring-configuration-metadata.json";

  /**
   * @param name the canonical key, e.g. {@code poller.interval}
   * @param type the Java type, e.g. {@code java.util.Map<java.lang.String,java.lang.String>}
   * @param sourceType the class that declares it, e.g. {@code
   *     io.viewercounts.poller.PollerProperties}
   */
  record Property(String name, String type, String sourceType) {

    /** Maps, lists and arrays bind keys below their own name (logging.level.x, origins[0]). */
    boolean hasChildren() {
      return type != null
          && (type.startsWith("java.util.Map")
              || type.startsWith("java.util.List")
              || type.startsWith("java.util.Set")
              || type.endsWith("[]"));
    }

    boolean declaredIn(String packagePrefix) {
      return sourceType != null && sourceType.startsWith(packagePrefix);
    }
  }

  /**
   * What the metadata says of a key for people: the javadoc of its record component, and the
   * default the processor found in the code ({@code @DefaultValue}), if any.
   */
  record Documentation(String description, String defaultValue) {}

  private static final Map<String, Documentation> DOCUMENTATION = new HashMap<>();
  private static final List<Property> ALL = load();

  private ConfigurationMetadata() {}

  static List<Property> all() {
    return ALL;
  }

  static Optional<Documentation> documentation(String key) {
    return Optional.ofNullable(DOCUMENTATION.get(key));
  }

  private static List<Property> load() {
    JsonMapper json = JsonMapper.builder().build();
    List<Property> properties = new ArrayList<>();
    try {
      for (URL file :
          Collections.list(ConfigurationMetadata.class.getClassLoader().getResources(RESOURCE))) {
        try (InputStream in = file.openStream()) {
          for (JsonNode property : json.readTree(in).path("properties")) {
            properties.add(
                new Property(
                    property.path("name").asText(),
                    property.path("type").asText(null),
                    property.path("sourceType").asText(null)));
            DOCUMENTATION.put(
                property.path("name").asText(),
                new Documentation(
                    property.path("description").asText(null),
                    defaultValue(property.path("defaultValue"))));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(properties);
  }

  /** A default as the yml files write it: lists comma-separated; null when there is none. */
  private static String defaultValue(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (value.isArray()) {
      List<String> elements = new ArrayList<>();
      value.forEach(element -> elements.add(element.asText()));
      return String.join(",", elements);
    }
    return value.asText();
  }
}
