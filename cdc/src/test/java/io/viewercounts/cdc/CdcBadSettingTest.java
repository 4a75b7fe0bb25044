package io.viewercounts.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viewercounts.testsupport.Doorbell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A bad value stops the cdc app with a short report, before it reaches PostgreSQL or Kafka. */
@ExtendWith(OutputCaptureExtension.class)
class CdcBadSettingTest {

  private final Doorbell database = Doorbell.open();
  private final Doorbell kafka = Doorbell.open();

  @AfterEach
  void closeDoorbells() throws Exception {
    database.close();
    kafka.close();
  }

  @Test
  void aNegativePollIntervalIsReportedBeforePostgresOrKafkaIsReached(CapturedOutput output) {
    startWith("--cdc.capture.poll-interval=-5ms");

    assertThat(output.getOut())
        .contains("cdc.capture.poll-interval = \"-5ms\"")
        .contains("must be longer than or equal to 1 milli");
    assertThat(output.getOut().lines()).hasSizeLessThanOrEqualTo(20);
    assertThat(database.rings() + kafka.rings()).isZero();
  }

  @Test
  void anUnknownProcessingGuaranteeIsReportedWithTheOnesThereAre(CapturedOutput output) {
    startWith("--cdc.topology.processing-guarantee=exactly_twice");

    assertThat(output.getOut())
        .contains("cdc.topology.processing-guarantee = \"exactly_twice\"")
        .contains("exactly_once_v2|at_least_once");
    assertThat(database.rings() + kafka.rings()).isZero();
  }

  private void startWith(String badSetting) {
    assertThatThrownBy(
            () -> new SpringApplicationBuilder(CdcApplication.class)
                .run(
                    badSetting,
                    "--spring.datasource.url=jdbc:postgresql://" + database.address() + "/viewercounts",
                    "--kafka.bootstrap-servers=" + kafka.address(),
                    "--server.port=0"))
        .isNotNull();
  }
}
