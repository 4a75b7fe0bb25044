package io.viewercounts.bench.deployment;

import java.nio.file.Path;

/**
 * Our apps' runnable jars, as bench/pom.xml passes them in system properties (defaults: where a
 * build from the bench module's directory leaves them).
 */
public record AppJars(Path poller, Path cdc, Path broadcaster) {

  public static AppJars fromSystemProperties() {
    return new AppJars(jar("poller"), jar("cdc"), jar("broadcaster"));
  }

  private static Path jar(String app) {
    return Path.of(System.getProperty("bench." + app + "-jar",
        "../" + app + "/target/" + app + "-0.1.0-SNAPSHOT-exec.jar"));
  }
}
