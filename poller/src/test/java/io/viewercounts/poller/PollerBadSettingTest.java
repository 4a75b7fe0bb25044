package io.viewercounts.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viewercounts.testsupport.Doorbell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A bad value stops the poller with a short report, before it connects to its database. */
@ExtendWith(OutputCaptureExtension.class)
class PollerBadSettingTest {

  @Test
  void anIntervalThatIsNoDurationIsReportedBeforeTheDatabaseIsReached(CapturedOutput output) throws Exception {
    try (Doorbell database = Doorbell.open()) {
      assertThatThrownBy(
              () -> new SpringApplicationBuilder(PollerApplication.class)
                  .run(
                      "--poller.interval=banana",
                      "--spring.datasource.url=jdbc:postgresql://" + database.address() + "/viewercounts",
                      "--server.port=0"))
          .isNotNull();

      assertThat(output.getOut())
          .contains("poller.interval = \"banana\"")
          .contains("allowed: a duration: a number and a unit (ns, us, ms, s, m, h, d)");
      assertThat(output.getOut().lines()).hasSizeLessThanOrEqualTo(20);
      assertThat(database.rings()).isZero();
    }
  }
}
