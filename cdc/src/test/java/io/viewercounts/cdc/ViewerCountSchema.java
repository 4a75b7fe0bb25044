package io.viewercounts.cdc;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The published JSON Schema of the viewer-counts value (events/viewer-count.schema.json). */
public final class ViewerCountSchema {

  private static final Schema SCHEMA = load();

  private ViewerCountSchema() {}

  /** What is wrong with a value against the schema, formats (date-time) included; empty if none. */
  public static List<String> violations(String json) {
    return SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  private static Schema load() {
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    try (InputStream schema =
        ViewerCountSchema.class.getResourceAsStream("/viewer-count.schema.json")) {
      if (schema == null) {
        throw new IllegalStateException("viewer-count.schema.json is not on the classpath");
      }
      return registry.getSchema(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
