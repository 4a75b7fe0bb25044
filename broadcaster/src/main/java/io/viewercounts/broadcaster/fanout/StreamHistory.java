package io.viewercounts.broadcaster.fanout;

import io.viewercounts.events.MinuteStats;
import java.time.Instant;
import java.util.Arrays;

/**
 * The last minutes of one stream, from {@code viewer-counts-1m}: for every minute of a window
 * ending with the newest one known, its peak and time-weighted mean, or nothing when the stream
 * was not live in it.
 *
 * <p>Immutable: a new minute makes a new history, so the feed, publishes and snapshots share one
 * without locks. Its {@code history} frame is encoded once, when first needed: most streams of a
 * large platform have no subscriber wanting it. Held per stream with 30 minutes: about 350 bytes
 * of heap, and about 440 more once its frame is encoded (measured by HistoryMemoryBenchmark).
 */
public final class StreamHistory {

  private static final int NOT_LIVE = -1;

  private final String streamId;
  private final long firstMinute; // epoch minute of index 0
  private final int[] peaks; // NOT_LIVE where the stream was not live
  private final float[] means;
  private final long revision;
  private volatile EncodedText encoded;

  private StreamHistory(
      String streamId, long firstMinute, int[] peaks, float[] means, long revision) {
    this.streamId = streamId;
    this.firstMinute = firstMinute;
    this.peaks = peaks;
    this.means = means;
    this.revision = revision;
  }

  /** A history of the one minute {@code stats}. */
  static StreamHistory of(MinuteStats stats, long revision) {
    return new StreamHistory(
        stats.streamId(),
        epochMinute(stats.windowStart()),
        new int[] {stats.peak()},
        new float[] {roundedMean(stats)},
        revision);
  }

  /**
   * This history with the minute {@code stats} added (or replaced), trimmed to the {@code
   * windowMinutes} ending with the newest minute; this same history when the minute is older than
   * that window.
   *
   * @param revision above this history's
   */
  StreamHistory with(MinuteStats stats, int windowMinutes, long revision) {
    long minute = epochMinute(stats.windowStart());
    long newest = Math.max(newestMinute(), minute);
    long first = Math.max(Math.min(firstMinute, minute), newest - windowMinutes + 1);
    if (minute < first) {
      return this;
    }
    int length = (int) (newest - first + 1);
    int[] newPeaks = new int[length];
    float[] newMeans = new float[length];
    Arrays.fill(newPeaks, NOT_LIVE);
    for (long m = Math.max(first, firstMinute); m <= newestMinute(); m++) {
      newPeaks[(int) (m - first)] = peaks[(int) (m - firstMinute)];
      newMeans[(int) (m - first)] = means[(int) (m - firstMinute)];
    }
    newPeaks[(int) (minute - first)] = stats.peak();
    newMeans[(int) (minute - first)] = roundedMean(stats);
    return new StreamHistory(streamId, first, newPeaks, newMeans, revision);
  }

  public String streamId() {
    return streamId;
  }

  /** The first minute's start. */
  public Instant start() {
    return Instant.ofEpochSecond(firstMinute * 60);
  }

  /** Epoch minute of the newest minute known. */
  long newestMinute() {
    return firstMinute + peaks.length - 1;
  }

  /**
   * Grows with every change of any history on this node, so a subscriber never takes an older one
   * for a newer, even across a stream forgotten and seen again.
   */
  long revision() {
    return revision;
  }

  /** Minutes from {@link #start()}, the newest last. */
  public int minutes() {
    return peaks.length;
  }

  /** The minute's peak, or null when the stream was not live in it. */
  public Integer peak(int minute) {
    return peaks[minute] == NOT_LIVE ? null : peaks[minute];
  }

  /** The minute's time-weighted mean, or null when the stream was not live in it. */
  public Float mean(int minute) {
    return peaks[minute] == NOT_LIVE ? null : means[minute];
  }

  /**
   * The {@code history} frame of this stream, encoded on first use, then shared read-only by every
   * connection that sends it (see {@link Transport#send}).
   */
  public EncodedText encoded() {
    EncodedText encoded = this.encoded;
    if (encoded == null) {
      encoded = EncodedText.shared(ServerMessages.history(this));
      this.encoded = encoded;
    }
    return encoded;
  }

  /** The frame's text, for a page that embeds it. */
  public String text() {
    return encoded().text();
  }

  /** A tenth of a viewer is all a chart can show: the frame stays short. */
  private static float roundedMean(MinuteStats stats) {
    return Math.round(stats.mean() * 10) / 10f;
  }

  private static long epochMinute(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), 60);
  }
}
