package io.viewercounts.cdc.topology;

import io.viewercounts.events.MinuteStats;
import io.viewercounts.events.MinuteStatsJson;
import io.viewercounts.events.ViewerCount;
import io.viewercounts.events.ViewerCountJson;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The published events' JSON as Kafka serdes; null stays null (a tombstone). */
public final class EventSerdes {

  private EventSerdes() {}

  /** ViewerCount, of {@code viewer-counts}. */
  public static Serde<ViewerCount> viewerCount() {
    return of(ViewerCountJson::encodeToBytes, ViewerCountJson::decode);
  }

  /** MinuteStats, of {@code viewer-counts-1m}. */
  public static Serde<MinuteStats> minuteStats() {
    return of(MinuteStatsJson::encodeToBytes, MinuteStatsJson::decode);
  }

  private static <T> Serde<T> of(Function<T, byte[]> encode, Function<byte[], T> decode) {
    return Serdes.serdeFrom(
        (topic, event) -> event == null ? null : encode.apply(event),
        (topic, bytes) -> bytes == null ? null : decode.apply(bytes));
  }
}
