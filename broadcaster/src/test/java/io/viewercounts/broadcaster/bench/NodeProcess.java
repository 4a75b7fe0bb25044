package io.viewercounts.broadcaster.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A broadcaster node in a JVM of its own, so its memory and file descriptors are its own: started
 * from the module's runtime class path, stopped with SIGTERM.
 */
final class NodeProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private final Process process;
  private final int port;
  private final int managementPort;
  private final Path log;

  private NodeProcess(Process process, int port, int managementPort, Path log) {
    this.process = process;
    this.port = port;
    this.managementPort = managementPort;
    this.log = log;
  }

  /**
   * @param jvmOptions e.g. the heap size and a flight recording
   * @param settings further {@code --name=value} arguments for the node
   */
  static NodeProcess start(
      String name,
      Path workDir,
      String classPath,
      String bootstrapServers,
      List<String> jvmOptions,
      List<String> settings)
      throws IOException, InterruptedException {
    int port = freePort();
    int managementPort = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add("io.viewercounts.broadcaster.BroadcasterApplication");
    command.add("--server.port=" + port);
    command.add("--management.server.port=" + managementPort);
    command.add("--spring.kafka.bootstrap-servers=" + bootstrapServers);
    command.addAll(settings);
    Path log = workDir.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    NodeProcess node = new NodeProcess(process, port, managementPort, log);
    node.awaitReady();
    return node;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** Resident memory of the node's process, from the kernel. */
  long rssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS for " + pid());
  }

  int openFiles() throws IOException {
    try (var files = Files.list(Path.of("/proc", String.valueOf(pid()), "fd"))) {
      return (int) files.count();
    }
  }

  /** User plus system CPU time of the node, in clock ticks (1/100 s). */
  long cpuTicks() throws IOException {
    long[] split = cpuTicksSplit();
    return split[0] + split[1];
  }

  /** {user, system} CPU time of the node, in clock ticks: system is the kernel's share. */
  long[] cpuTicksSplit() throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
  }

  /** Heap in use right after a full collection: what the live objects take. */
  long liveHeapBytes() throws IOException, InterruptedException {
    jcmd(ProcessBuilder.Redirect.DISCARD, "GC.run");
    return (long) metric("jvm_memory_used_bytes", "area=\"heap\"");
  }

  /** Writes the node's live objects by class (jcmd GC.class_histogram) to {@code file}. */
  void writeClassHistogram(Path file) throws IOException, InterruptedException {
    jcmd(ProcessBuilder.Redirect.to(file.toFile()), "GC.class_histogram");
  }

  /** The sum of the Prometheus samples of {@code name} whose labels contain {@code label}. */
  double metric(String name, String label) throws IOException, InterruptedException {
    double sum = 0;
    for (String line : prometheus().split("\n")) {
      boolean sample = line.startsWith(name + "{") || line.startsWith(name + " ");
      if (sample && line.contains(label)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  double metric(String name) throws IOException, InterruptedException {
    return metric(name, "");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void jcmd(ProcessBuilder.Redirect output, String command)
      throws IOException, InterruptedException {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid()),
                command)
            .redirectErrorStream(true)
            .redirectOutput(output)
            .start();
    if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
      jcmd.destroyForcibly();
    }
  }

  private String prometheus() throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private void awaitReady() throws IOException, InterruptedException {
    URI readiness = URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness");
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("node exited; see " + log);
      }
      try {
        int status =
            HTTP.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IOException("node not ready within " + READY_TIMEOUT + "; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
