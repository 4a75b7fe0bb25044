package io.viewercounts.cdc.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceStateDirectoryTest {

  @TempDir Path base;

  @Test
  void twoInstancesOnOneHostGetDirectoriesOfTheirOwn() {
    try (InstanceStateDirectory first = InstanceStateDirectory.claim(base);
        InstanceStateDirectory second = InstanceStateDirectory.claim(base)) {
      assertThat(first.path()).isEqualTo(base.resolve("instance-0")).isDirectory();
      assertThat(second.path()).isEqualTo(base.resolve("instance-1")).isDirectory();
    }
  }

  @Test
  void anInstanceStartedAgainGetsTheDirectoryItLeft() {
    InstanceStateDirectory.claim(base).close();

    try (InstanceStateDirectory again = InstanceStateDirectory.claim(base)) {
      assertThat(again.path()).isEqualTo(base.resolve("instance-0"));
    }
  }

  @Test
  void aFreedDirectoryIsTakenBeforeANewOne() {
    try (InstanceStateDirectory first = InstanceStateDirectory.claim(base);
        InstanceStateDirectory second = InstanceStateDirectory.claim(base)) {
      first.close();

      try (InstanceStateDirectory third = InstanceStateDirectory.claim(base)) {
        assertThat(third.path()).isEqualTo(base.resolve("instance-0"));
      }
    }
  }
}
