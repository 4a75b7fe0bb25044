package io.viewercounts.cdc;

import io.viewercounts.cdc.capture.ChangeCapture;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A capture in a process of its own, for tests that kill it without a clean shutdown. Arguments:
 * JDBC url, Kafka bootstrap servers, fixture name, partitions. Runs until killed.
 */
public final class CaptureProcess {

  private CaptureProcess() {}

  public static void main(String[] args) throws InterruptedException {
    String jdbcUrl = args[0];
    String bootstrapServers = args[1];
    String name = args[2];
    int partitions = Integer.parseInt(args[3]);
    PGSimpleDataSource database = new PGSimpleDataSource();
    database.setURL(jdbcUrl);
    database.setUser("postgres");
    CaptureFixture setup =
        new CaptureFixture(
            jdbcUrl,
            bootstrapServers,
            database,
            CaptureFixture.capture(name),
            CaptureFixture.topics(name, partitions));
    ChangeCapture capture = setup.newCapture();
    capture.start();
    Thread.currentThread().join(); // until killed
  }

  /** Starts a capture process for the fixture, its output going to target/. */
  public static Process start(CaptureFixture setup) throws IOException {
    // Under surefire java.class.path may be a manifest-only jar; surefire keeps the real one here.
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(classpath);
    command.add(CaptureProcess.class.getName());
    command.add(setup.jdbcUrl());
    command.add(setup.bootstrapServers());
    command.add(setup.name());
    command.add(Integer.toString(setup.topics().partitions()));
    File log = new File("target/capture-process-" + setup.name() + ".log");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
        .start();
  }
}
