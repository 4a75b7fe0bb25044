package io.viewercounts.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RolesTest {

  private static final String CDC_HEALTH = """
      {"status":"UP","components":{"capture":{"status":"UP","details":{"role":"standby"}},
       "topology":{"status":"UP"}}}""";

  @Test
  void readsADetailOfAComponent() {
    assertThat(Roles.detail(CDC_HEALTH, "capture", "role")).isEqualTo("standby");
  }

  @Test
  void readsNothingFromAMissingDetailOrABodyThatIsNotJson() {
    assertThat(Roles.detail(CDC_HEALTH, "topology", "role")).isEmpty();
    assertThat(Roles.detail("", "capture", "role")).isEmpty();
    assertThat(Roles.detail("<html>", "capture", "role")).isEmpty();
  }
}
