package io.viewercounts.bench.clients;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link LoadWorker} process, spoken to line by line. */
public final class WorkerProcess implements AutoCloseable {

  private final Process process;
  private final PrintStream commands;
  private final BufferedReader answers;

  private WorkerProcess(Process process) {
    this.process = process;
    this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    this.answers =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts a worker from this module's classes alone: it needs nothing but the JDK. */
  public static WorkerProcess start(String name, Path workDir) throws IOException {
    String classes =
        new File(LoadWorker.class.getProtectionDomain().getCodeSource().getLocation().getPath())
            .getPath();
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m",
                    "-XX:+UseSerialGC",
                    "-cp",
                    classes,
                    LoadWorker.class.getName()))
            .redirectError(workDir.resolve(name + ".err").toFile())
            .start();
    return new WorkerProcess(process);
  }

  public void send(String command) {
    commands.println(command);
  }

  /** The answer to the oldest command sent and not yet answered, split into words. */
  public String[] answer() throws IOException {
    String line = answers.readLine();
    if (line == null) {
      throw new IOException("worker exited");
    }
    return line.split(" ");
  }

  public String[] ask(String command) throws IOException {
    send(command);
    return answer();
  }

  static void closeQuietly(WorkerProcess worker) {
    try {
      worker.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    commands.println("quit");
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
