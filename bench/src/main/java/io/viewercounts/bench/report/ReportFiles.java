package io.viewercounts.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Every form of the report at once: the table on the console, JSON and HTML in a directory. */
public final class ReportFiles {

  public static final String JSON = "report.json";
  public static final String HTML = "report.html";

  private ReportFiles() {}

  public static void writeAll(BenchReport report, Path directory, PrintStream console)
      throws IOException {
    ConsoleTable.print(report, console);
    Files.createDirectories(directory);
    Path json = directory.resolve(JSON).toAbsolutePath();
    Path html = directory.resolve(HTML).toAbsolutePath();
    JsonReport.write(report, json);
    HtmlReport.write(report, html);
    console.println();
    console.println("report: " + json);
    console.println("report: " + html);
  }
}
