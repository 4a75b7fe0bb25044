package io.viewercounts.startup;

/**
 * Every app calls {@link #apply()} first in its {@code main}, before Spring Boot builds the
 * application.
 *
 * <p>Spring Boot otherwise starts initializing Jackson, bean validation and its HTTP message
 * converters on a thread of its own as soon as the configuration is read, and a failed start waits
 * for that thread before it reports: a bad value took a second longer to be refused (measured on
 * 2 cores: 2.0-2.3 s against 1.7-1.95 s for the poller as the image runs it). A good start gains
 * nothing either on the one or two cores of a typical container, where that thread only competes
 * with the main one (the broadcaster: 7.5-8.0 s against 6.9-7.6 s). Set {@code
 * -Dspring.backgroundpreinitializer.ignore=false} to have it back.
 */
public final class ForegroundInitialization {

  static final String IGNORE_BACKGROUND_PREINITIALIZER = "spring.backgroundpreinitializer.ignore";

  private ForegroundInitialization() {}

  /** Turns Spring Boot's background pre-initialization off, unless the JVM was told otherwise. */
  public static void apply() {
    if (System.getProperty(IGNORE_BACKGROUND_PREINITIALIZER) == null) {
      System.setProperty(IGNORE_BACKGROUND_PREINITIALIZER, "true");
    }
  }
}
