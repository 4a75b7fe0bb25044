package io.viewercounts.poller.streams;

/**
 * What one write changed in {@code streams}.
 *
 * @param updated existing rows that really changed
 * @param inserted rows created for streams seen for the first time
 */
public record WriteResult(int updated, int inserted) {

  public static final WriteResult NOTHING = new WriteResult(0, 0);

  public int changed() {
    return updated + inserted;
  }
}
