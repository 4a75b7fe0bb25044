package io.viewercounts.bench.deployment;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of our apps (the standalone, or a broadcaster node) in a JVM of its own, started from its
 * runnable jar, so its memory and file descriptors are its own; ready once its readiness probe
 * says so, stopped with SIGTERM.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final long READY_TIMEOUT_SECONDS = 180;

  private final String name;
  private final Process process;
  private final Management management;
  private final Path log;
  /** Stops the process if the benchmark is interrupted (Ctrl-C) before it could close it. */
  private final Thread stopOnExit;

  private ServiceProcess(String name, Process process, Management management, Path log) {
    this.name = name;
    this.process = process;
    this.management = management;
    this.log = log;
    this.stopOnExit = new Thread(this::stop, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /**
   * @param jvmOptions e.g. the heap size
   * @param settings {@code --name=value} arguments; the management port is added
   */
  public static ServiceProcess start(
      String name, Path jar, List<String> jvmOptions, List<String> settings, int managementPort,
      Path workDir)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(jar + " is missing: build it first (mvn -pl bench -am package)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(settings);
    command.add("--management.server.port=" + managementPort);
    Path log = workDir.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    ServiceProcess service = new ServiceProcess(
        name, process, new Management(URI.create("http://127.0.0.1:" + managementPort)), log);
    try {
      service.awaitReady();
    } catch (IOException | InterruptedException e) {
      service.close();
      throw e;
    }
    return service;
  }

  public long pid() {
    return process.pid();
  }

  public Management management() {
    return management;
  }

  public ProcessStats stats() {
    return ProcessStats.of(pid());
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException exiting) {
      // the hook is running or about to: it stops the process
    }
    stop();
  }

  /** SIGTERM, then SIGKILL if it has not stopped within 20 seconds. */
  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited; see " + log);
      }
      if (management.ready()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IOException(name + " not ready within " + READY_TIMEOUT_SECONDS + " s; see " + log);
  }
}
