package io.viewercounts.bench.deployment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a node's CPU time went, from its flight recording: the share of execution samples by
 * thread, and by method (on top of the stack, and anywhere in it) for the delivery threads.
 */
public final class ProfileSummary {

  private static final int TOP = 15;
  private static final List<String> DELIVERY_THREADS =
      List.of("broadcaster-feed", "broadcaster-history", "fanout-", "qtp");

  private ProfileSummary() {}

  public static void print(Path recording) throws IOException {
    Map<String, Integer> byThread = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    int samples = 0;
    int delivery = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      samples++;
      String thread = event.getThread("sampledThread").getJavaName().replaceAll("\\d+", "N");
      byThread.merge(thread, 1, Integer::sum);
      if (event.getStackTrace() == null
          || DELIVERY_THREADS.stream().noneMatch(thread::startsWith)) {
        continue;
      }
      delivery++;
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (!frames.isEmpty()) {
        self.merge(method(frames.get(0)), 1, Integer::sum);
      }
      Set<String> seen = new HashSet<>();
      frames.stream()
          .map(ProfileSummary::method)
          .filter(method -> !method.contains("$$Lambda") && !method.startsWith("java.lang.Thread."))
          .forEach(seen::add);
      seen.forEach(method -> inclusive.merge(method, 1, Integer::sum));
    }
    System.out.printf("[profile] %d samples; by thread:%n", samples);
    printTop(byThread, samples);
    System.out.printf("[profile] delivery threads (feed, fanout, container), %d samples, self:%n",
        delivery);
    printTop(self, delivery);
    System.out.println("[profile] ... and anywhere in the stack:");
    printTop(inclusive, delivery);
  }

  private static String method(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static void printTop(Map<String, Integer> counts, int total) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(TOP)
        .forEach(entry -> System.out.printf("[profile]   %5.1f%%  %s%n",
            100.0 * entry.getValue() / Math.max(1, total), entry.getKey()));
  }
}
