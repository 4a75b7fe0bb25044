package io.viewercounts.poller.poll;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an empty stream list from Livepeer can be believed.
 *
 * <p>The rule: an empty list is believed at once only when the previous list this poller believed
 * was empty too. Otherwise (the previous list had streams, or this poller has not seen one yet,
 * e.g. it just became the active poller) it is suspect: the cycle is refused as {@code
 * suspect_empty}, writing nothing and leaving health and the streams gauge as they were, until
 * {@code confirmations} empty answers in a row confirm it. Any non-empty list resets the count.
 *
 * <p>Why: a real account does not lose all its streams between two polls, while an API or a proxy
 * in trouble can answer {@code []} with a 200. Only a believed list counts towards ending the live
 * streams it lacks ({@link UnlistedStreamRule}), so a glitch never ends a stream, nor is it taken
 * for a fact in health or metrics.
 *
 * <p>Not thread-safe: one per poll cycle, used by the polling thread.
 */
final class EmptyListRule {

  private static final Logger log = LoggerFactory.getLogger(EmptyListRule.class);

  private final int confirmations;
  private boolean believedEmpty;
  private int emptyInARow;
  private int lastListed = -1;

  /** @param confirmations empty answers in a row that make an empty list believed (1: at once) */
  EmptyListRule(int confirmations) {
    if (confirmations < 1) {
      throw new IllegalArgumentException("confirmations must be at least 1, was " + confirmations);
    }
    this.confirmations = confirmations;
  }

  /**
   * Checks one answer of {@code listed} streams.
   *
   * @return empty when the list may be used; otherwise why it is not believed yet
   */
  Optional<String> doubt(int listed) {
    if (listed > 0) {
      believedEmpty = false;
      emptyInARow = 0;
      lastListed = listed;
      return Optional.empty();
    }
    emptyInARow++;
    if (believedEmpty) {
      return Optional.empty();
    }
    if (emptyInARow >= confirmations) {
      believedEmpty = true;
      log.info(
          "Livepeer listed no streams {} times in a row: believed, the account has none", emptyInARow);
      return Optional.empty();
    }
    return Optional.of(
        "GET /stream listed no streams, after "
            + (lastListed < 0 ? "no list seen yet" : lastListed + " streams")
            + ": not believed before "
            + confirmations
            + " empty answers in a row ("
            + emptyInARow
            + " so far)");
  }

  /** Starts again as if no list had been seen, e.g. when this poller becomes the active one. */
  void forget() {
    believedEmpty = false;
    emptyInARow = 0;
    lastListed = -1;
  }
}
