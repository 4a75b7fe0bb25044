package io.viewercounts.startup;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.validation.annotation.Validated;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Binds and validates every {@code @ConfigurationProperties} record an app enables, as soon as its
 * configuration is read and before its context exists: a bad value stops the app before anything
 * heavy starts (the standalone's embedded PostgreSQL and Kafka, a connection pool, Flyway, a Kafka
 * client), and {@link ConfigurationErrorAnalyzer} reports it in a few lines.
 *
 * <p>The records are found from the application's sources: each {@code @EnableConfigurationProperties}
 * on them, on the classes they {@code @Import} and on their nested configuration classes. Binding
 * here is the same binding the context does later (same {@link Binder} rules, same constraints), so
 * a value accepted here is accepted there.
 */
public final class ConfigurationCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    Set<Class<?>> records = enabledProperties(event.getSpringApplication().getAllSources());
    if (records.isEmpty()) {
      return;
    }
    Binder binder = Binder.get(event.getEnvironment());
    try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
      SpringValidatorAdapter validator = new SpringValidatorAdapter(validation.getValidator());
      for (Class<?> type : records) {
        String prefix = MergedAnnotations.from(type).get(ConfigurationProperties.class).getString("prefix");
        BindHandler handler =
            MergedAnnotations.from(type).isPresent(Validated.class)
                ? new ValidationBindHandler(validator)
                : BindHandler.DEFAULT;
        binder.bindOrCreate(prefix, Bindable.of(type), handler);
      }
    }
  }

  /** The records enabled by the sources, the classes they import and their nested classes. */
  static Set<Class<?>> enabledProperties(Set<Object> sources) {
    Set<Class<?>> records = new LinkedHashSet<>();
    Set<Class<?>> seen = new LinkedHashSet<>();
    Deque<Class<?>> pending = new ArrayDeque<>();
    sources.stream().filter(Class.class::isInstance).map(Class.class::cast).forEach(pending::add);
    while (!pending.isEmpty()) {
      Class<?> configuration = pending.pop();
      if (!seen.add(configuration)) {
        continue;
      }
      MergedAnnotations annotations = MergedAnnotations.from(configuration);
      annotations.stream(EnableConfigurationProperties.class)
          .map(enable -> enable.getClassArray(MergedAnnotation.VALUE))
          .forEach(types -> records.addAll(List.of(types)));
      annotations.stream(Import.class)
          .filter(MergedAnnotation::isDirectlyPresent)
          .map(imported -> imported.getClassArray(MergedAnnotation.VALUE))
          .forEach(types -> pending.addAll(List.of(types)));
      pending.addAll(List.of(configuration.getDeclaredClasses()));
    }
    records.removeIf(type -> !MergedAnnotations.from(type).isPresent(ConfigurationProperties.class));
    return records;
  }
}
