package io.viewercounts.bench.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ImageCollectorTest {

  @Test
  void onJava17TheBenchRunsJvmsWithTheImagesCollectorFlags() throws Exception {
    assumeTrue(Runtime.version().feature() == 17, "the image's runtime is Java 17");
    String dockerfile = Files.readString(Path.of("..", "Dockerfile"));
    Matcher javaOpts = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]+)\"").matcher(dockerfile);
    assertThat(javaOpts.find()).isTrue();

    List<String> collectorFlags = Stream.of(javaOpts.group(1).split("[\\s\\\\]+"))
        .filter(flag -> flag.contains("G1"))
        .toList();

    assertThat(ImageCollector.settings()).isEqualTo(collectorFlags);
  }
}
