package io.viewercounts.startup;

import static io.viewercounts.startup.ForegroundInitialization.IGNORE_BACKGROUND_PREINITIALIZER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ForegroundInitializationTest {

  private String before;

  @BeforeEach
  void rememberTheJvmSetting() {
    before = System.clearProperty(IGNORE_BACKGROUND_PREINITIALIZER);
  }

  @AfterEach
  void restoreTheJvmSetting() {
    if (before == null) {
      System.clearProperty(IGNORE_BACKGROUND_PREINITIALIZER);
    } else {
      System.setProperty(IGNORE_BACKGROUND_PREINITIALIZER, before);
    }
  }

  @Test
  void turnsSpringBootsBackgroundPreinitializationOff() {
    ForegroundInitialization.apply();

    assertThat(Boolean.getBoolean(IGNORE_BACKGROUND_PREINITIALIZER)).isTrue();
  }

  @Test
  void leavesItOnWhenTheJvmWasToldSo() {
    System.setProperty(IGNORE_BACKGROUND_PREINITIALIZER, "false");

    ForegroundInitialization.apply();

    assertThat(Boolean.getBoolean(IGNORE_BACKGROUND_PREINITIALIZER)).isFalse();
  }
}
