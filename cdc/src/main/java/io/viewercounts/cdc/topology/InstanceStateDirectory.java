package io.viewercounts.cdc.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A Streams state directory of this instance's own, under a base that every instance on the host
 * shares: the first of {@code instance-0}, {@code instance-1}, ... whose lock file no other
 * instance holds. Kafka Streams refuses to share a state directory between two running instances;
 * this lets two cdc instances run on one host with default settings, while an instance restarted on
 * its host gets a directory back (its store and its Streams process id with it, so it fences its
 * own earlier producer and restores little).
 *
 * <p>The operating system releases the lock when the process ends, however it ends.
 */
final class InstanceStateDirectory implements AutoCloseable {

  /** Far more instances than one host runs; a bound so that a broken file system fails fast. */
  static final int MAX_INSTANCES = 64;

  private final Path path;
  private final FileChannel lockFile;

  private InstanceStateDirectory(Path path, FileChannel lockFile) {
    this.path = path;
    this.lockFile = lockFile;
  }

  /**
   * Takes the first free directory under the base, creating it.
   *
   * @throws UncheckedIOException when the base cannot be written, or every directory is taken
   */
  static InstanceStateDirectory claim(Path base) {
    try {
      Files.createDirectories(base);
      for (int instance = 0; instance < MAX_INSTANCES; instance++) {
        Path path = base.resolve("instance-" + instance);
        FileChannel lockFile =
            FileChannel.open(
                base.resolve("instance-" + instance + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        if (tryLock(lockFile)) {
          return new InstanceStateDirectory(Files.createDirectories(path), lockFile);
        }
        lockFile.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the state directory " + base, e);
    }
    throw new UncheckedIOException(
        new IOException(
            "all " + MAX_INSTANCES + " instance directories under " + base + " are in use"));
  }

  private static boolean tryLock(FileChannel lockFile) throws IOException {
    try {
      FileLock lock = lockFile.tryLock();
      return lock != null;
    } catch (OverlappingFileLockException heldByThisProcess) {
      return false; // another instance in this JVM (tests, the standalone's own) holds it
    }
  }

  Path path() {
    return path;
  }

  /** Lets another instance take the directory. */
  @Override
  public void close() {
    try {
      lockFile.close();
    } catch (IOException e) {
      // Closing the channel releases the lock; a failed close leaves it to the process's end.
    }
  }
}
