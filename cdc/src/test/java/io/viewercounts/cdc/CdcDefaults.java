package io.viewercounts.cdc;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The module's settings as cdc.yml defines them, for tests that build parts by hand. */
public final class CdcDefaults {

  private CdcDefaults() {}

  public static CdcProperties load() {
    StandardEnvironment environment = new StandardEnvironment();
    try {
      new YamlPropertySourceLoader()
          .load("cdc.yml", new ClassPathResource("cdc.yml"))
          .forEach(environment.getPropertySources()::addLast);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Binder.get(environment).bind("cdc", CdcProperties.class).get();
  }
}
