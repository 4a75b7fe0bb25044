package io.viewercounts.bench.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the kernel says about a process on this machine: CPU time, resident memory, open files. */
public final class ProcessStats {

  private final long pid;

  private ProcessStats(long pid) {
    this.pid = pid;
  }

  public static ProcessStats of(long pid) {
    return new ProcessStats(pid);
  }

  /** User plus system CPU time, in clock ticks (1/100 s). */
  public long cpuTicks() throws IOException {
    long[] split = cpuTicksSplit();
    return split[0] + split[1];
  }

  /** {user, system} CPU time in clock ticks: system is the kernel's share. */
  public long[] cpuTicksSplit() throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
  }

  public long rssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS for process " + pid);
  }

  /**
   * Heap in use right after a full collection (jcmd GC.run, then the JVM's own gauge on {@code
   * management}): what the live objects take.
   */
  public long liveHeapBytes(Management management) throws IOException, InterruptedException {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid),
                "GC.run")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
      jcmd.destroyForcibly();
    }
    return (long) management.metric("jvm_memory_used_bytes", "area=\"heap\"");
  }

  public int openFiles() throws IOException {
    try (var files = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
      return (int) files.count();
    }
  }
}
