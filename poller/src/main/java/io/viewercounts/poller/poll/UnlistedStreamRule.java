package io.viewercounts.poller.poll;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides when a live stream that Livepeer no longer lists has ended: when it is missing from
 * {@code confirmations} believed stream lists in a row.
 *
 * <p>Why not at once: a stream deleted in Livepeer leaves the list for good, while one list
 * missing a stream could be a glitch of the API. Only complete lists count: a listing that fails
 * or is cut short (any page failing, a broken pagination) fails the whole cycle before this rule is
 * asked, and a suspect empty list is refused by {@link EmptyListRule} first. A stream listed again
 * starts from zero.
 *
 * <p>Not thread-safe: one per poll cycle, used by the polling thread.
 */
final class UnlistedStreamRule {

  private final int confirmations;
  private final Map<String, Integer> missedInARow = new HashMap<>();

  /** @param confirmations lists in a row a live stream must be missing from (1: at once) */
  UnlistedStreamRule(int confirmations) {
    if (confirmations < 1) {
      throw new IllegalArgumentException("confirmations must be at least 1, was " + confirmations);
    }
    this.confirmations = confirmations;
  }

  int confirmations() {
    return confirmations;
  }

  /**
   * Takes the live streams one believed list did not hold.
   *
   * @return those of them missing from enough lists in a row to be ended now
   */
  List<String> ended(Collection<String> liveButUnlisted) {
    Set<String> missing = Set.copyOf(liveButUnlisted);
    missedInARow.keySet().retainAll(missing);
    missing.forEach(id -> missedInARow.merge(id, 1, Integer::sum));
    List<String> ended =
        missedInARow.entrySet().stream()
            .filter(entry -> entry.getValue() >= confirmations)
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    ended.forEach(missedInARow::remove);
    return ended;
  }

  /** Starts again as if no list had been seen, e.g. when this poller becomes the active one. */
  void forget() {
    missedInARow.clear();
  }
}
