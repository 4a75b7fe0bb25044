package io.viewercounts.broadcaster.ws;

/**
 * Joins the parts of one client text frame. Tomcat hands frames over in parts of its small
 * per-connection buffer, so that no connection reserves the largest frame allowed; the parts are
 * kept here only while a frame is incomplete, and a frame over the limit is refused.
 */
final class TextFrames {

  private final int maxChars;
  private StringBuilder partial; // null between frames: most frames come in one part
  private boolean refusing; // the rest of a refused frame is still arriving

  TextFrames(int maxChars) {
    this.maxChars = maxChars;
  }

  /**
   * Adds a part; returns the whole frame once its last part is in, or null before (and for the
   * parts of a refused frame that arrive after it was refused).
   *
   * @throws FrameTooLargeException as soon as the frame exceeds the limit
   */
  String add(String part, boolean last) throws FrameTooLargeException {
    if (refusing) {
      refusing = !last;
      return null;
    }
    int length = (partial == null ? 0 : partial.length()) + part.length();
    if (length > maxChars) {
      partial = null;
      refusing = !last;
      throw new FrameTooLargeException();
    }
    if (partial == null) {
      if (last) {
        return part;
      }
      partial = new StringBuilder(part);
      return null;
    }
    partial.append(part);
    if (!last) {
      return null;
    }
    String frame = partial.toString();
    partial = null;
    return frame;
  }

  /** A client frame over the size limit. */
  static final class FrameTooLargeException extends Exception {
    FrameTooLargeException() {
      super("frame too large", null, false, false);
    }
  }
}
