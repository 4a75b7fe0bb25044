package io.viewercounts.standalone.deployment;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Prometheus' own checker, {@code promtool} (Debian package prometheus), run on deploy/prometheus. */
final class Promtool {

  static final String MISSING =
      "promtool is not installed (Debian: apt-get install prometheus; .ci/run installs it), so"
          + " the alert rules in deploy/prometheus are not checked";

  /** What promtool said and how it ended. */
  record Result(int exitCode, String output) {}

  private Promtool() {}

  static Optional<Path> find() {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, "promtool");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Runs promtool with these arguments in deploy/prometheus, where the rule files name each other. */
  static Result run(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(find().orElseThrow(() -> new IllegalStateException(MISSING)).toString());
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command)
            .directory(Repository.path("deploy/prometheus").toFile())
            .redirectErrorStream(true)
            .start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("promtool " + arguments[0] + " did not end within 2 minutes");
    }
    return new Result(
        process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
