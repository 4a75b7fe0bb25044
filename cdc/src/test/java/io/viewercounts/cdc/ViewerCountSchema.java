package io.viewercounts.cdc;

import java.util.List;

/** The published JSON Schema of the viewer-counts value (events/viewer-count.schema.json). */
public final class ViewerCountSchema {

  private ViewerCountSchema() {}

  /** What is wrong with a value against the schema, formats (date-time) included; empty if none. */
  public static List<String> violations(String json) {
    return PublishedSchema.VIEWER_COUNT.violations(json);
  }
}
