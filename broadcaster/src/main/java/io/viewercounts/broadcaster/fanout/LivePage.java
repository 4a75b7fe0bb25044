package io.viewercounts.broadcaster.fanout;

import io.viewercounts.events.ViewerCount;
import java.util.List;

/**
 * A slice of the live streams a node knows, most viewers first.
 *
 * @param counts the streams of the slice, in order
 * @param total how many streams are live in all
 */
public record LivePage(List<ViewerCount> counts, int total) {}
