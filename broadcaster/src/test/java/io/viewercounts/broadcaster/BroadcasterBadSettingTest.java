package io.viewercounts.broadcaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viewercounts.testsupport.Doorbell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A bad value stops a broadcaster node with a short report, before it reaches Kafka. */
@ExtendWith(OutputCaptureExtension.class)
class BroadcasterBadSettingTest {

  private final Doorbell kafka = Doorbell.open();

  @AfterEach
  void closeDoorbell() throws Exception {
    kafka.close();
  }

  @Test
  void aFrameSizeThatIsNoSizeIsReportedBeforeKafkaIsReached(CapturedOutput output) {
    startWith("--broadcaster.max-frame-size=huge");

    assertThat(output.getOut())
        .contains("broadcaster.max-frame-size = \"huge\"")
        .contains("allowed: a size: a number and a unit (B, KB, MB, GB, TB)");
    assertThat(output.getOut().lines()).hasSizeLessThanOrEqualTo(20);
    assertThat(kafka.rings()).isZero();
  }

  @Test
  void aSubscriptionLimitOutOfRangeIsReportedWithTheRange(CapturedOutput output) {
    startWith("--broadcaster.max-subscriptions-per-connection=0");

    assertThat(output.getOut())
        .contains("broadcaster.max-subscriptions-per-connection = \"0\"")
        .contains("must be greater than or equal to 1");
    assertThat(kafka.rings()).isZero();
  }

  private void startWith(String badSetting) {
    assertThatThrownBy(
            () -> new SpringApplicationBuilder(BroadcasterApplication.class)
                .run(badSetting, "--kafka.bootstrap-servers=" + kafka.address(), "--server.port=0", "--management.server.port=0"))
        .isNotNull();
  }
}
