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

/** A JSON Schema the project publishes for a topic's values (in the events module). */
public final class PublishedSchema {

  /** Of {@code viewer-counts}. */
  public static final PublishedSchema VIEWER_COUNT = load("/viewer-count.schema.json");

  /** Of {@code viewer-counts-1m}. */
  public static final PublishedSchema MINUTE_STATS = load("/viewer-counts-1m.schema.json");

  private final Schema schema;

  private PublishedSchema(Schema schema) {
    this.schema = schema;
  }

  /** What is wrong with a value against the schema, formats (date-time) included; empty if none. */
  public List<String> violations(String json) {
    return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  private static PublishedSchema load(String resource) {
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    try (InputStream schema = PublishedSchema.class.getResourceAsStream(resource)) {
      if (schema == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return new PublishedSchema(registry.getSchema(schema));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
