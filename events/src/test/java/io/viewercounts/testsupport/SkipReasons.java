package io.viewercounts.testsupport;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Says on the console why a test did not run: disabled by a condition (no Docker for
 * Testcontainers, say) or aborted by an assumption (no chromium for the browser tests). Surefire
 * counts such tests as skipped and keeps their reason in its report files only; the test command
 * should say it where it is read.
 *
 * <p>Writes to the process's own standard error, not {@code System.err}: surefire sends what tests
 * print to files (redirectTestOutputToFile), but copies the forked JVM's native error stream to
 * the build's console as it comes.
 */
public final class SkipReasons implements TestExecutionListener {

  private final PrintStream console;

  /** As the JUnit Platform loads it (META-INF/services): to the process's standard error. */
  public SkipReasons() {
    this(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
  }

  SkipReasons(PrintStream console) {
    this.console = console;
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    report(test, reason);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      report(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
    }
  }

  private void report(TestIdentifier test, String reason) {
    console.println("[SKIPPED] " + name(test) + ": " + oneLine(reason));
  }

  private static String name(TestIdentifier test) {
    TestSource source = test.getSource().orElse(null);
    if (source instanceof MethodSource method) {
      return method.getJavaClass().getSimpleName() + "." + method.getMethodName();
    }
    if (source instanceof ClassSource type) {
      return type.getJavaClass().getSimpleName();
    }
    return test.getDisplayName();
  }

  /** Assumption messages (AssertJ's especially) span lines; the console gets one per test. */
  private static String oneLine(String reason) {
    return reason == null ? "no reason given" : reason.strip().replaceAll("\\s+", " ");
  }
}
