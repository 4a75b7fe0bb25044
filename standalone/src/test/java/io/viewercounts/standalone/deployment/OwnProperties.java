package io.viewercounts.standalone.deployment;

import io.viewercounts.standalone.deployment.ConfigurationMetadata.Property;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.context.annotation.Import;

/**
 * The keys of the {@code @ConfigurationProperties} records an app enables, found as Spring finds
 * them: the main class's {@code @Import}s, their {@code @EnableConfigurationProperties}, and each
 * record's components (nested records of ours are groups of keys, in dashed form as the binder
 * names them). Read from the classes, so it does not depend on how fresh a build's metadata is.
 */
final class OwnProperties {

  private OwnProperties() {}

  static List<Property> of(Class<?> mainClass) {
    List<Property> properties = new ArrayList<>();
    components(mainClass)
        .forEach(
            (name, component) ->
                properties.add(
                    new Property(
                        name,
                        typeName(component.getType()),
                        component.getDeclaringRecord().getName())));
    return properties;
  }

  /** The record component behind each key an app's main class enables, in declaration order. */
  static Map<String, RecordComponent> components(Class<?> mainClass) {
    Map<String, RecordComponent> components = new LinkedHashMap<>();
    for (Class<?> enabled : enabledProperties(mainClass, new ArrayList<>())) {
      addComponents(prefix(enabled), enabled, components);
    }
    return components;
  }

  /** The record component behind each key of one {@code @ConfigurationProperties} record. */
  static Map<String, RecordComponent> componentsOf(Class<?> properties) {
    Map<String, RecordComponent> components = new LinkedHashMap<>();
    addComponents(prefix(properties), properties, components);
    return components;
  }

  private static String prefix(Class<?> properties) {
    ConfigurationProperties annotation = properties.getAnnotation(ConfigurationProperties.class);
    return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
  }

  private static List<Class<?>> enabledProperties(Class<?> configuration, List<Class<?>> seen) {
    List<Class<?>> enabled = new ArrayList<>();
    if (seen.contains(configuration)) {
      return enabled;
    }
    seen.add(configuration);
    EnableConfigurationProperties enables =
        configuration.getAnnotation(EnableConfigurationProperties.class);
    if (enables != null) {
      enabled.addAll(List.of(enables.value()));
    }
    Import imports = configuration.getAnnotation(Import.class);
    if (imports != null) {
      for (Class<?> imported : imports.value()) {
        enabled.addAll(enabledProperties(imported, seen));
      }
    }
    for (Class<?> nested : configuration.getDeclaredClasses()) {
      enabled.addAll(enabledProperties(nested, seen));
    }
    return enabled;
  }

  private static void addComponents(
      String prefix, Class<?> record, Map<String, RecordComponent> into) {
    for (RecordComponent component : record.getRecordComponents()) {
      String name = prefix + "." + DataObjectPropertyName.toDashedForm(component.getName());
      Class<?> type = component.getType();
      if (type.isRecord() && type.getPackageName().startsWith("io.viewercounts.")) {
        addComponents(name, type, into);
      } else {
        into.put(name, component);
      }
    }
  }

  /** A type name as in the metadata, enough to tell maps and collections (keys below the key). */
  private static String typeName(Class<?> type) {
    if (Map.class.isAssignableFrom(type)) {
      return "java.util.Map";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "java.util.List";
    }
    return type.getTypeName();
  }
}
