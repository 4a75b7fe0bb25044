package io.viewercounts.bench;

import io.viewercounts.bench.deployment.Deployment;
import io.viewercounts.bench.deployment.ImageCollector;
import io.viewercounts.bench.deployment.Management;
import io.viewercounts.bench.deployment.ProfileSummary;
import io.viewercounts.bench.deployment.ServiceProcess;
import io.viewercounts.bench.deployment.StandaloneLauncher;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the benchmark measures: a deployment the options point at ({@code --db-url} given), or a
 * fresh standalone started for the run and stopped after it, or none when every chosen scenario
 * starts a deployment of its own.
 */
final class Target implements AutoCloseable {

  private final Deployment deployment; // null for none
  private final ServiceProcess standalone; // null for a deployment the bench did not start
  private final Path recording; // null unless profiled

  private Target(Deployment deployment, ServiceProcess standalone, Path recording) {
    this.deployment = deployment;
    this.standalone = standalone;
    this.recording = recording;
  }

  static Target open(Options options, Path workDir) throws IOException, InterruptedException {
    Duration pollInterval = options.duration("poll-interval", Duration.ofSeconds(5));
    if (options.has("db-url")) {
      return new Target(external(options, pollInterval), null, null);
    }
    List<String> jvm = new ArrayList<>(List.of("-Xmx" + options.text("standalone-heap", "2g")));
    jvm.addAll(options.list("standalone-jvm-options", ImageCollector.settings()));
    Path recording = null;
    if (Boolean.parseBoolean(options.text("profile", "false"))) {
      recording = workDir.resolve("standalone.jfr").toAbsolutePath();
      jvm.add("-XX:StartFlightRecording=filename=" + recording
          + ",settings=profile,dumponexit=true");
    }
    Path jar = Path.of(
        System.getProperty("bench.standalone-jar", "../standalone/target/viewer-counts.jar"));
    StandaloneLauncher.Launched launched =
        StandaloneLauncher.start(jar, jvm, pollInterval, workDir);
    return new Target(launched.deployment(), launched.process(), recording);
  }

  /** No shared deployment: each chosen scenario starts its own. */
  static Target none() {
    return new Target(null, null, null);
  }

  Deployment deployment() {
    return deployment;
  }

  String describe() {
    if (deployment == null) {
      return "a deployment of its own per scenario";
    }
    return (standalone != null ? "a fresh standalone started by the bench: " : "")
        + deployment.describe();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (standalone != null) {
      standalone.close();
    }
    if (recording != null) {
      ProfileSummary.print(recording); // written as the standalone exited
    }
  }

  private static Deployment external(Options options, Duration pollInterval) {
    String host = options.text("host", "127.0.0.1");
    int managementPort = options.number("management-port", 0, 0);
    return new Deployment(
        host,
        options.number("port", 8080, 1),
        managementPort == 0
            ? null
            : new Management(URI.create("http://" + host + ":" + managementPort)),
        options.number("node-pid", 0, 0),
        new Deployment.Database(options.text("db-url", null), options.text("db-user", "postgres"),
            options.text("db-password", "")),
        options.text("kafka", null),
        options.text("simulator", null),
        pollInterval);
  }
}
