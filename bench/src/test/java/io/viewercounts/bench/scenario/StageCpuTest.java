package io.viewercounts.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StageCpuTest {

  @Test
  void aThreadCountsUnderTheStageItsNameBelongsTo() {
    assertThat(StageCpu.stageOf("debezium-postgr")).isEqualTo("capture");
    assertThat(StageCpu.stageOf("pool-10-thread-")).isEqualTo("capture");
    assertThat(StageCpu.stageOf("viewercount-top")).isEqualTo("topology");
    assertThat(StageCpu.stageOf("data-plane-kafk")).isEqualTo("broker");
    assertThat(StageCpu.stageOf("fanout-1")).isEqualTo("feed_and_fanout");
    assertThat(StageCpu.stageOf("broadcaster-fee")).isEqualTo("feed_and_fanout");
    assertThat(StageCpu.stageOf("qtp1914301543-4")).isEqualTo("web_io");
    assertThat(StageCpu.stageOf("C2 CompilerThre")).isEqualTo("jit");
    assertThat(StageCpu.stageOf("G1 Refine#0")).isEqualTo("gc_and_vm");
  }

  @Test
  void aThreadOfNoKnownStageCountsAsOther() {
    assertThat(StageCpu.stageOf("Attach Listener")).isEqualTo("other");
  }
}
