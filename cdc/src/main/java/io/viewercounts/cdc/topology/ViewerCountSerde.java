package io.viewercounts.cdc.topology;

import io.viewercounts.events.ViewerCount;
import io.viewercounts.events.ViewerCountJson;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** ViewerCount JSON as a Kafka serde; null stays null (a tombstone). */
public final class ViewerCountSerde {

  private ViewerCountSerde() {}

  public static Serde<ViewerCount> serde() {
    return Serdes.serdeFrom(
        (topic, count) -> count == null ? null : ViewerCountJson.encodeToBytes(count),
        (topic, bytes) -> bytes == null ? null : ViewerCountJson.decode(bytes));
  }
}
