package io.viewercounts.events;

/** Default names of the topics the pipeline shares; each app lets operators override them. */
public final class Topics {

  /** Keyed by stream id, one ViewerCount JSON per visible change, tombstone on delete. */
  public static final String VIEWER_COUNTS = "viewer-counts";

  /** Keyed by stream id, one MinuteStats JSON per stream per closed minute in which it was live. */
  public static final String VIEWER_COUNTS_1M = "viewer-counts-1m";

  /** Debezium's topic prefix; the change events of {@code public.streams} go to PREFIX.public.streams. */
  public static final String CDC_TOPIC_PREFIX = "viewercount";

  private Topics() {}

  /** The topic Debezium writes the changes of {@code public.streams} to, for a topic prefix. */
  public static String cdcTopic(String topicPrefix) {
    return topicPrefix + ".public.streams";
  }
}
