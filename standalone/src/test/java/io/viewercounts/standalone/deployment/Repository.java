package io.viewercounts.standalone.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The files of the repository the deployment is made of, read from the working tree. */
final class Repository {

  private static final Path ROOT = findRoot();

  private Repository() {}

  static Path root() {
    return ROOT;
  }

  static Path path(String relative) {
    return ROOT.resolve(relative);
  }

  static String read(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The documents of a YAML file, each a map (the files read here hold one document each). */
  static List<Map<String, Object>> yaml(String relative) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml().loadAll(read(relative))) {
      if (document != null) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) document;
        documents.add(map);
      }
    }
    return documents;
  }

  /**
   * Maven runs the tests in the module's directory; the repository is the parent with the stack.
   */
  private static Path findRoot() {
    Path directory = Path.of("").toAbsolutePath();
    while (directory != null) {
      if (Files.exists(directory.resolve("docker-compose.yml"))
          && Files.exists(directory.resolve("pom.xml"))) {
        return directory;
      }
      directory = directory.getParent();
    }
    throw new IllegalStateException(
        "no docker-compose.yml in " + Path.of("").toAbsolutePath() + " or above");
  }
}
