package io.viewercounts.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viewercounts.testsupport.Doorbell;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

@ExtendWith(OutputCaptureExtension.class)
class ConfigurationCheckTest {

  private static final int MOST_LINES = 20;

  private final Doorbell server = Doorbell.open();

  @AfterEach
  void closeServer() throws Exception {
    server.close();
  }

  @Test
  void aValueThatIsNoDurationStopsTheAppBeforeItConnectsAnywhere(CapturedOutput output) {
    assertThatThrownBy(() -> run("--app.interval=banana")).isNotNull();

    assertThat(output.getOut())
        .contains("app.interval = \"banana\"")
        .contains("from property source \"commandLineArgs\"")
        .contains("allowed: a duration: a number and a unit (ns, us, ms, s, m, h, d)");
    assertStoppedShortBeforeConnecting(output);
  }

  @Test
  void aNegativeDurationIsReportedAsWrittenWithTheConstraintItBreaks(CapturedOutput output) {
    assertThatThrownBy(() -> run("--app.interval=-5s")).isNotNull();

    assertThat(output.getOut()).contains("app.interval = \"-5s\"").contains("must be longer than or equal to 1 milli");
    assertStoppedShortBeforeConnecting(output);
  }

  @Test
  void anUnknownChoiceIsReportedWithTheChoicesThereAre(CapturedOutput output) {
    assertThatThrownBy(() -> run("--app.mode=sideways")).isNotNull();

    assertThat(output.getOut()).contains("app.mode = \"sideways\"").contains("allowed: one of fast, careful");
    assertStoppedShortBeforeConnecting(output);
  }

  @Test
  void aNumberOutOfRangeIsReportedWithTheRange(CapturedOutput output) {
    assertThatThrownBy(() -> run("--app.count=11")).isNotNull();

    assertThat(output.getOut()).contains("app.count = \"11\"").contains("must be less than or equal to 10");
    assertStoppedShortBeforeConnecting(output);
  }

  @Test
  void aNumberTooLargeForItsTypeIsReportedWithTheTypesRange(CapturedOutput output) {
    assertThatThrownBy(() -> run("--app.count=99999999999")).isNotNull();

    assertThat(output.getOut())
        .contains("app.count = \"99999999999\"")
        .contains("allowed: a whole number from -2147483648 to 2147483647");
  }

  @Test
  void goodValuesStartTheApp() throws Exception {
    try (ConfigurableApplicationContext app = run("--app.interval=250ms", "--app.mode=careful", "--app.count=10")) {
      assertThat(app.getBean(CheckedApplication.Settings.class).mode()).isEqualTo(CheckedApplication.Mode.CAREFUL);
    }
  }

  /** A report of a screen at most, and the app never got as far as its server. */
  private void assertStoppedShortBeforeConnecting(CapturedOutput output) {
    assertThat(output.getOut().lines()).hasSizeLessThanOrEqualTo(MOST_LINES);
    assertThat(server.rings()).isZero();
  }

  private ConfigurableApplicationContext run(String... args) {
    String[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = "--app.server=" + server.address();
    return CheckedApplication.run(all);
  }
}
