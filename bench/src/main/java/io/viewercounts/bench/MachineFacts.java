package io.viewercounts.bench;

import io.viewercounts.bench.report.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads what the report says about the machine from /proc and the JVM. */
final class MachineFacts {

  private MachineFacts() {}

  static Machine read(String loadAtStart) {
    return new Machine(
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        memTotalBytes(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.version"),
        loadAtStart,
        load());
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    return procLine("/proc/cpuinfo", "model name").replaceFirst("^[^:]*:\\s*", "");
  }

  private static long memTotalBytes() {
    String line = procLine("/proc/meminfo", "MemTotal:");
    return line.isEmpty() ? 0 : Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
  }

  private static String procLine(String file, String prefix) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
          .filter(line -> line.startsWith(prefix))
          .findFirst()
          .orElse("");
    } catch (IOException e) {
      return "";
    }
  }
}
