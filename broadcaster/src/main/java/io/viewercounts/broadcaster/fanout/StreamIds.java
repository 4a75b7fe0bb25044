package io.viewercounts.broadcaster.fanout;

import java.util.regex.Pattern;

/** What a stream id from outside (a client frame, a URL) must look like before we look it up. */
public final class StreamIds {

  /**
   * Livepeer ids are hex/UUID-like; this leaves room for other producers while keeping ids short,
   * printable and free of characters that need escaping in URLs or logs.
   */
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  public static final String RULE =
      "1 to 128 characters: letters, digits, '.', '_', ':' or '-', starting with a letter or digit";

  private StreamIds() {}

  public static boolean isValid(String streamId) {
    return streamId != null && VALID.matcher(streamId).matches();
  }
}
