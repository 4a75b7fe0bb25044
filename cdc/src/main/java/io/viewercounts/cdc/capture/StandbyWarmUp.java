package io.viewercounts.cdc.capture;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Loads, while an instance stands by, the classes its first engine will need.
 *
 * <p>A standby that never ran an engine loads some two thousand classes of Debezium, Kafka Connect
 * and the PostgreSQL driver at takeover, one at a time on the engine's thread, while every change
 * waits for it. Loading them beforehand (not initializing them: no static initializer runs, nothing
 * connects) moves that work to the quiet time before, once per JVM, on a thread of its own.
 */
final class StandbyWarmUp {

  private static final Logger log = LoggerFactory.getLogger(StandbyWarmUp.class);

  /** Every class under these packages: Debezium, Kafka Connect and the driver's replication. */
  private static final List<String> PACKAGES =
      List.of("io/debezium/", "org/apache/kafka/connect/", "org/postgresql/");

  private static final AtomicBoolean started = new AtomicBoolean();

  private StandbyWarmUp() {}

  /** Starts loading on a daemon thread, the first time only. */
  static void startOnce() {
    if (started.compareAndSet(false, true)) {
      Thread thread = new Thread(StandbyWarmUp::run, "cdc-capture-warm-up");
      thread.setDaemon(true);
      thread.setPriority(Thread.MIN_PRIORITY);
      thread.start();
    }
  }

  private static void run() {
    long start = System.nanoTime();
    ClassLoader loader = StandbyWarmUp.class.getClassLoader();
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(loader);
    int loaded = 0;
    for (String packagePath : PACKAGES) {
      try {
        for (Resource resource : resolver.getResources("classpath*:" + packagePath + "**/*.class")) {
          loaded += load(className(resource.getURL().toString(), packagePath), loader);
        }
      } catch (IOException e) {
        log.debug("Could not list the classes of {}", packagePath, e);
      }
    }
    log.info(
        "Standby warm-up: {} classes of Debezium, Kafka Connect and the PostgreSQL driver loaded"
            + " in {} ms",
        loaded,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** The class a resource holds, from its URL: {@code .../io/debezium/A$B.class}. */
  static String className(String url, String packagePath) {
    String path = url.substring(url.lastIndexOf(packagePath), url.length() - ".class".length());
    return path.replace('/', '.');
  }

  /** 1 when the class is loaded, 0 when it cannot be (an optional dependency it needs is absent). */
  private static int load(String name, ClassLoader loader) {
    if (name.endsWith("module-info") || name.endsWith("package-info")) {
      return 0;
    }
    try {
      Class.forName(name, false, loader);
      return 1;
    } catch (ClassNotFoundException | LinkageError e) {
      return 0;
    }
  }
}
