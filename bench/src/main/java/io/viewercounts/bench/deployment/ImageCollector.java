package io.viewercounts.bench.deployment;

import java.util.List;

/**
 * The garbage collector settings the apps run with in production (the Dockerfile's {@code
 * JAVA_OPTS}) and in the standalone: G1 with fixed refinement zones, so the cards a fan-out's
 * socket writes dirty wait for the next collection instead of being rescanned after every change.
 * The zones are Java 17's flags; a later JVM runs with its own refinement, as the standalone does.
 */
public final class ImageCollector {

  private static final List<String> JAVA_17 = List.of("-XX:+UseG1GC",
      "-XX:-G1UseAdaptiveConcRefinement", "-XX:G1ConcRefinementGreenZone=512",
      "-XX:G1ConcRefinementYellowZone=1024", "-XX:G1ConcRefinementRedZone=2048");

  private ImageCollector() {}

  /** The settings for a JVM of this benchmark's Java version. */
  public static List<String> settings() {
    return Runtime.version().feature() < 20 ? JAVA_17 : List.of("-XX:+UseG1GC");
  }
}
