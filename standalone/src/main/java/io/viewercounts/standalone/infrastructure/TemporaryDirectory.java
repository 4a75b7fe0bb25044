package io.viewercounts.standalone.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.util.FileSystemUtils;

/** A directory that exists until it is closed, then is deleted with everything in it. */
record TemporaryDirectory(Path path) implements AutoCloseable {

  static TemporaryDirectory create(String prefix) {
    try {
      return new TemporaryDirectory(Files.createTempDirectory(prefix));
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary directory: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    FileSystemUtils.deleteRecursively(path);
  }
}
