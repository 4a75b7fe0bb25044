package io.viewercounts.standalone.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile and its entrypoint: one image whose first argument picks an app, each app on its
 * own classpath with its real main class, started as a non-root user with container-aware JVM
 * flags, exposing the ports the apps listen on.
 */
class ImageTest {

  private final String dockerfile = Repository.read("Dockerfile");
  private final String entrypoint = Repository.read("deploy/docker/entrypoint.sh");

  @Test
  void eachAppOfTheImageStartsFromItsRealMainClass() throws Exception {
    Map<String, String> mains = mainClasses();
    assertThat(mains.keySet()).containsExactlyInAnyOrderElementsOf(AppConfiguration.APPS);
    for (Map.Entry<String, String> app : mains.entrySet()) {
      Class<?> main = Class.forName(app.getValue());
      assertThat(main).isEqualTo(AppConfiguration.mainClass(app.getKey()));
      Method method = main.getMethod("main", String[].class);
      assertThat(Modifier.isStatic(method.getModifiers())).as("%s.main is static", main).isTrue();
    }
  }

  @Test
  void theEntrypointAcceptsTheAppsThatComposeRuns() {
    Matcher accepted = Pattern.compile("(?m)^\\s*([a-z| ]+)\\)\\s*shift").matcher(entrypoint);
    assertThat(accepted.find()).as("the entrypoint's case of apps").isTrue();
    List<String> apps = List.of(accepted.group(1).trim().split("\\s*\\|\\s*"));
    assertThat(apps).containsExactlyInAnyOrderElementsOf(AppConfiguration.APPS);
    assertThat(ComposeFile.load().appServices().keySet()).isSubsetOf(apps);
    assertThat(entrypoint).contains("exec java").contains("@/app/apps/${app}.args");
    assertThat(dockerfile)
        .contains("> \"/app/apps/$name.args\"")
        .contains("ENTRYPOINT [\"/app/entrypoint.sh\"]");
  }

  @Test
  void theBuildStageSeesEveryModulePomAndTheSourcesOfTheApps() {
    Matcher module =
        Pattern.compile("<module>([^<]+)</module>").matcher(Repository.read("pom.xml"));
    while (module.find()) {
      assertThat(dockerfile)
          .as("the reactor needs %s/pom.xml", module.group(1))
          .contains("COPY " + module.group(1) + "/pom.xml " + module.group(1) + "/");
    }
    for (String sources : List.of("events", "poller", "cdc", "broadcaster")) {
      assertThat(dockerfile).contains("COPY " + sources + "/src/main " + sources + "/src/main");
    }
    assertThat(dockerfile)
        .contains("FROM maven:3-eclipse-temurin-17 AS build")
        .contains("--mount=type=cache,target=/root/.m2");
  }

  @Test
  void theRuntimeIsASlimJreRunAsANonRootUser() {
    assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre");
    Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile);
    assertThat(user.find()).isTrue();
    assertThat(user.group(1)).isNotIn("root", "0");
    assertThat(dockerfile)
        .contains("-XX:MaxRAMPercentage=")
        .contains("-XX:+UseG1GC")
        .contains("-XX:+ExitOnOutOfMemoryError");
  }

  @Test
  void theImagesJvmFlagsStartAJava17JvmWithoutAWarning() throws Exception {
    assumeTrue(Runtime.version().feature() == 17, "the image's runtime is Java 17");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(imageJvmFlags());
    command.add("-version");

    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(java.waitFor()).as(output).isZero();
    assertThat(output).doesNotContainIgnoringCase("warning");
  }

  @Test
  void theStandaloneRunsOnJava17WithTheImagesCollectorFlags() {
    List<String> imageFlags =
        imageJvmFlags().stream().filter(flag -> flag.contains("G1")).toList();
    Matcher java17Profile = Pattern.compile(
            "(?s)<jdk>\\[17,20\\)</jdk>.*?<standalone.collector>([^<]+)</standalone.collector>")
        .matcher(Repository.read("standalone/pom.xml"));
    assertThat(java17Profile.find()).isTrue();

    assertThat(List.of(java17Profile.group(1).trim().split("\\s+"))).isEqualTo(imageFlags);
  }

  @Test
  void theImageExposesThePortsTheAppsListenOn() {
    Matcher expose = Pattern.compile("(?m)^EXPOSE\\s+(.+)$").matcher(dockerfile);
    assertThat(expose.find()).isTrue();
    List<String> exposed = List.of(expose.group(1).trim().split("\\s+"));
    for (String app : AppConfiguration.APPS) {
      AppConfiguration configuration = AppConfiguration.of(app);
      assertThat(exposed)
          .as("ports of %s", app)
          .contains(configuration.setting("server.port", Map.of()).orElseThrow())
          .contains(String.valueOf(configuration.actuatorPort(Map.of())));
    }
  }

  @Test
  void theBuildContextLeavesOutBuildOutputAndSecrets() {
    List<String> ignored = Repository.read(".dockerignore").lines().map(String::trim).toList();
    assertThat(ignored).contains("**/target/", ".env", ".git/");
  }

  /** poller:io.viewercounts.poller.PollerApplication, ... as the Dockerfile's loop lists them. */
  private Map<String, String> mainClasses() {
    Matcher pair =
        Pattern.compile("\\b(poller|cdc|broadcaster):(io\\.viewercounts\\.[\\w.]+)")
            .matcher(dockerfile);
    Map<String, String> mains = new LinkedHashMap<>();
    while (pair.find()) {
      mains.put(pair.group(1), pair.group(2));
    }
    return mains;
  }

  /** The flags of the image's {@code JAVA_OPTS}, one per item (its lines joined). */
  private List<String> imageJvmFlags() {
    Matcher javaOpts = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]+)\"").matcher(dockerfile);
    assertThat(javaOpts.find()).isTrue();
    return List.of(javaOpts.group(1).replace("\\\n", " ").trim().split("\\s+"));
  }
}
