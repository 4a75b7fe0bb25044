package io.viewercounts.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class SkipReasonsTest {

  /** Nested, so surefire does not run it on its own. */
  static class NeedsAChromium {
    @BeforeAll
    static void findChromium() {
      assumeTrue(false, "needs chromium at /usr/bin/chromium\n(apt-get install chromium)");
    }

    @Test
    void showsAPage() {}
  }

  static class SwitchedOff {
    @Test
    @Disabled("no Docker on this machine")
    void runsContainers() {}

    @Test
    void runs() {}
  }

  @Test
  void aClassWhoseAssumptionFailsIsReportedWithTheAssumptionsMessageOnOneLine() {
    assertThat(consoleOf(NeedsAChromium.class))
        .isEqualTo("[SKIPPED] NeedsAChromium: Assumption failed: needs chromium at /usr/bin/chromium (apt-get install chromium)\n");
  }

  @Test
  void aDisabledTestIsReportedWithItsReasonAndARunningOneIsNot() {
    assertThat(consoleOf(SwitchedOff.class)).isEqualTo("[SKIPPED] SwitchedOff.runsContainers: no Docker on this machine\n");
  }

  private static String consoleOf(Class<?> testClass) {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
        .execute(
            LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
            new SkipReasons(new PrintStream(console, true, StandardCharsets.UTF_8)));
    return console.toString(StandardCharsets.UTF_8);
  }
}
