package io.viewercounts.cdc.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts at once the open transactions that a crashed topology instance left behind.
 *
 * <p>With exactly-once, each Streams thread writes in transactions named after its process ({@code
 * <application id>-<process id>-<thread>}). An instance killed mid-transaction leaves it open; until
 * it is aborted, no read_committed reader (the broadcasters, the instance that takes the
 * partitions over) reads past it. The broker aborts it only after the transaction timeout, and a
 * stock broker looks for timed-out transactions only every 10 seconds: up to 20 seconds of frozen
 * counts. A survivor knows better as soon as the group has dropped the dead instance (its session
 * timed out): every few hundred milliseconds this looks for open transactions of the application
 * whose process has no member in the group, and fences each by starting a producer with its id,
 * which makes the broker abort it at once. That is what the broker would do later, so it is safe:
 * an instance that was only paused, not dead, finds itself fenced and rejoins the group, as
 * exactly-once requires of an instance the group has dropped.
 */
public final class DepartedInstanceFencer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DepartedInstanceFencer.class);

  /** How often it looks; the fence follows the dead instance's exit from the group within this. */
  static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

  /** Transactions younger than this are left alone: a live thread commits every few ms. */
  static final Duration MIN_TRANSACTION_AGE = Duration.ofSeconds(1);

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private final String applicationId;
  private final Map<String, Object> adminConfig;
  private final Map<String, Object> producerConfig;
  private final Counter fenced;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread daemon = new Thread(runnable, "cdc-topology-fencer");
            daemon.setDaemon(true);
            return daemon;
          });

  private Admin admin;
  private String lastProblem;

  /**
   * @param adminConfig and {@code producerConfig}: the Kafka client settings of the app (bootstrap
   *     servers, security), for the admin client that looks and the producers that fence
   */
  public DepartedInstanceFencer(
      String applicationId,
      Map<String, Object> adminConfig,
      Map<String, Object> producerConfig,
      MeterRegistry registry) {
    this.applicationId = applicationId;
    this.adminConfig = adminConfig;
    this.producerConfig = producerConfig;
    this.fenced =
        Counter.builder("viewercounts.cdc.topology.fenced.transactions")
            .description("Open transactions of departed topology instances aborted by fencing")
            .register(registry);
  }

  public synchronized void start() {
    admin = Admin.create(adminConfig);
    thread.scheduleWithFixedDelay(
        this::check, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One look: fences what departed instances left open. */
  void check() {
    try {
      List<String> open = openTransactionsOfTheApplication();
      if (open.isEmpty()) {
        return; // the usual case, for one request per broker
      }
      for (String transactionalId : departed(applicationId, memberClientIds(), open)) {
        fence(transactionalId);
      }
      lastProblem = null;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnsupportedVersionException) {
        log.warn(
            "The Kafka brokers cannot list transactions by age (Kafka 3.8+ can): a crashed"
                + " instance's open transaction is aborted by the broker's transaction timeout");
        thread.shutdown();
      } else {
        problem(e.getCause().toString());
      }
    } catch (TimeoutException | RuntimeException e) {
      problem(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<String> openTransactionsOfTheApplication()
      throws ExecutionException, InterruptedException, TimeoutException {
    ListTransactionsOptions options =
        new ListTransactionsOptions()
            .filterStates(Set.of(TransactionState.ONGOING))
            .filterOnDuration(MIN_TRANSACTION_AGE.toMillis());
    return admin.listTransactions(options).all()
        .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
        .map(TransactionListing::transactionalId)
        .filter(id -> id.startsWith(applicationId + "-"))
        .toList();
  }

  private List<String> memberClientIds()
      throws ExecutionException, InterruptedException, TimeoutException {
    try {
      return admin.describeConsumerGroups(List.of(applicationId)).describedGroups()
          .get(applicationId).get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .members().stream()
          .map(MemberDescription::clientId)
          .toList();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return List.of(); // every member has gone, and the group with them
      }
      throw e;
    }
  }

  /**
   * The transactional ids, among {@code open}, of Streams processes with no member in the group.
   * None when a member's client id does not name its process (a client id set by hand): then a
   * live process cannot be told from a departed one, and the broker's timeout has to do.
   */
  static List<String> departed(
      String applicationId, Collection<String> memberClientIds, Collection<String> open) {
    String prefix = Pattern.quote(applicationId) + "-(" + UUID + ")-";
    Pattern member = Pattern.compile(prefix + "StreamThread-\\d+-consumer");
    Pattern transaction = Pattern.compile(prefix + "\\d+");
    Set<String> liveProcesses = new HashSet<>();
    for (String clientId : memberClientIds) {
      Matcher matcher = member.matcher(clientId);
      if (!matcher.matches()) {
        return List.of();
      }
      liveProcesses.add(matcher.group(1));
    }
    return open.stream()
        .filter(
            id -> {
              Matcher matcher = transaction.matcher(id);
              return matcher.matches() && !liveProcesses.contains(matcher.group(1));
            })
        .toList();
  }

  /** Starting a producer with the id bumps its epoch, and the broker aborts the open transaction. */
  private void fence(String transactionalId) {
    Map<String, Object> config = new HashMap<>(producerConfig);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, applicationId + "-fencer");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
    }
    fenced.increment();
    log.info(
        "Aborted the open transaction {} of a topology instance that left the group: its"
            + " partitions flow again",
        transactionalId);
  }

  /** Logs a failure once, not again while it repeats; the next look tries again. */
  private void problem(String reason) {
    if (!reason.equals(lastProblem)) {
      log.warn("Could not look for transactions of departed topology instances: {}", reason);
    }
    lastProblem = reason;
  }

  @Override
  public synchronized void close() {
    // A fence under way finishes (it is quick), rather than leave a transaction half-fenced.
    thread.shutdown();
    try {
      if (!thread.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(1));
    }
  }
}
