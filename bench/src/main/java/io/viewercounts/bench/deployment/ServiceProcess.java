package io.viewercounts.bench.deployment;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One process the benchmark runs (one of our apps from its runnable jar, or a Kafka broker from
 * Kafka's jars) in a JVM of its own, so its memory and file descriptors are its own; ready once
 * its readiness probe says so. It can be killed (SIGKILL), stopped as a deploy stops it (SIGTERM),
 * and started again with the same command, its log going on in the same file.
 */
public final class ServiceProcess implements AutoCloseable {

  /** Below Linux's default ephemeral range (32768-60999), above the well-known services. */
  private static final int LISTEN_PORTS_FROM = 20_000;
  private static final int LISTEN_PORTS_TO = 32_000;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  /** A standalone took 178 s to be ready on two cores shared with other builds (load 20). */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);

  /** Whether a process is ready for work; false while it is still starting. */
  @FunctionalInterface
  public interface Readiness {
    boolean ready() throws InterruptedException;
  }

  private final String name;
  private final List<String> command;
  private final Readiness readiness;
  private final Management management; // null for a process without our actuator
  private final Path log;
  /** Stops the process if the benchmark is interrupted (Ctrl-C) before it could close it. */
  private final Thread stopOnExit;
  private volatile Process process;

  private ServiceProcess(
      String name, List<String> command, Readiness readiness, Management management, Path log) {
    this.name = name;
    this.command = List.copyOf(command);
    this.readiness = readiness;
    this.management = management;
    this.log = log;
    this.stopOnExit = new Thread(this::stop, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /**
   * Starts one of our apps and waits until its readiness probe says ready.
   *
   * @param jvmOptions e.g. the heap size
   * @param settings {@code --name=value} arguments; the management port is added
   */
  public static ServiceProcess start(
      String name, Path jar, List<String> jvmOptions, List<String> settings, int managementPort,
      Path workDir)
      throws IOException, InterruptedException {
    ServiceProcess service = launch(name, jar, jvmOptions, settings, managementPort, workDir);
    try {
      service.awaitReady(READY_TIMEOUT);
    } catch (IOException | InterruptedException e) {
      service.close();
      throw e;
    }
    return service;
  }

  /** Starts one of our apps without waiting for it: {@link #awaitReady} waits. */
  public static ServiceProcess launch(
      String name, Path jar, List<String> jvmOptions, List<String> settings, int managementPort,
      Path workDir)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(jar + " is missing: build it first (mvn -pl bench -am package)");
    }
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(settings);
    command.add("--management.server.port=" + managementPort);
    Management management = new Management(URI.create("http://127.0.0.1:" + managementPort));
    return launch(name, command, management::ready, management, workDir);
  }

  /**
   * Starts any command, logging to {@code <name>.log} in {@code workDir}, without waiting for it.
   *
   * @param management its actuator, or null when it has none
   */
  public static ServiceProcess launch(
      String name, List<String> command, Readiness readiness, Management management,
      Path workDir)
      throws IOException {
    ServiceProcess service = new ServiceProcess(
        name, command, readiness, management, workDir.resolve(name + ".log"));
    service.process = service.spawn();
    return service;
  }

  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  public Management management() {
    return management;
  }

  public Path log() {
    return log;
  }

  public ProcessStats stats() {
    return ProcessStats.of(pid());
  }

  /** SIGKILL, as a crash or the OOM killer ends it; returns once it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** SIGTERM, as a deploy or {@code docker stop} ends it; does not wait for it to exit. */
  public void terminate() {
    process.destroy();
  }

  /** Waits for it to exit (after {@link #terminate}), killing it after {@code grace}. */
  public void awaitExit(Duration grace) throws InterruptedException {
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
    }
  }

  /** Starts it again with the same command, as a restart policy would, once the last one exited. */
  public void restart() throws IOException, InterruptedException {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " is still running");
    }
    process = spawn();
  }

  /** Waits until its readiness probe says ready; fails if it exits or takes longer. */
  public void awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited; see " + log);
      }
      if (readiness.ready()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IOException(
        name + " not ready within " + timeout.toSeconds() + " s; see " + log);
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

  /**
   * A port free now, not handed out before by this JVM, and below the kernel's range of ephemeral
   * ports: the processes of a deployment are given their ports before they bind them, seconds
   * later on a loaded machine, and a port of that range may meanwhile become the local end of any
   * outgoing connection (Kafka's clients open many).
   */
  public static int freePort() throws IOException {
    while (true) {
      int port = ThreadLocalRandom.current().nextInt(LISTEN_PORTS_FROM, LISTEN_PORTS_TO);
      if (!HANDED_OUT.contains(port) && isFree(port) && HANDED_OUT.add(port)) {
        return port;
      }
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }

  private Process spawn() throws IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
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
}
