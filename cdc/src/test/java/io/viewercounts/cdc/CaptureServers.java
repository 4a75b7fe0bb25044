package io.viewercounts.cdc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A logical-decoding PostgreSQL (and, unless asked otherwise, a Kafka broker) shared by the tests
 * of one class: register it as a static {@code @RegisterExtension} field; it starts the servers
 * before the class's tests and stops them after.
 */
public final class CaptureServers implements BeforeAllCallback, AfterAllCallback {

  private final boolean withKafka;
  private final boolean restartable;
  private Path dataDirectory;
  private int port;
  private EmbeddedPostgres postgres;
  private EmbeddedKafkaKraftBroker kafka;

  private CaptureServers(boolean withKafka, boolean restartable) {
    this.withKafka = withKafka;
    this.restartable = restartable;
  }

  /** PostgreSQL and Kafka. */
  public static CaptureServers postgresAndKafka() {
    return new CaptureServers(true, false);
  }

  /** PostgreSQL alone. */
  public static CaptureServers postgresOnly() {
    return new CaptureServers(false, false);
  }

  /**
   * PostgreSQL, on its own data directory and port so that a test can stop it and start it again
   * with its data (slots included), and Kafka.
   */
  public static CaptureServers restartablePostgresAndKafka() {
    return new CaptureServers(true, true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (restartable) {
      dataDirectory = Files.createTempDirectory("capture-postgres");
      port = TestInfrastructure.freePort();
      startPostgresAgain();
    } else {
      postgres = TestInfrastructure.startPostgres("logical");
    }
    if (withKafka) {
      kafka = TestInfrastructure.startKafka();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (kafka != null) {
      kafka.destroy();
    }
    postgres.close();
    if (dataDirectory != null) {
      deleteRecursively(dataDirectory);
    }
  }

  public EmbeddedPostgres postgres() {
    return postgres;
  }

  public EmbeddedKafkaKraftBroker kafka() {
    return kafka;
  }

  /** The server's {@code postgres} database. */
  public DataSource database() {
    return postgres.getPostgresDatabase();
  }

  /** A capture pipeline of its own on these servers (see {@link CaptureFixture#create}). */
  public CaptureFixture fixture(String name, int partitions) {
    return CaptureFixture.create(postgres, kafka, name, partitions);
  }

  /** Stops PostgreSQL (pg_ctl stop -m fast: every connection is cut). */
  public void stopPostgres() throws IOException {
    postgres.close();
  }

  /** Starts a restartable PostgreSQL again on its data directory and port. */
  public void startPostgresAgain() {
    if (dataDirectory == null) {
      throw new IllegalStateException("only a restartable PostgreSQL starts again");
    }
    postgres = TestInfrastructure.startPostgres(dataDirectory, port);
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
