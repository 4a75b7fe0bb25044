package io.viewercounts.bench.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster of one or three nodes, each broker and controller in one, each a JVM of its own
 * started from Kafka's own jars ({@code kafka.Kafka}) after Kafka's storage tool formatted its log
 * directory. Stock broker settings except what the cluster needs: with three nodes, every topic
 * and internal topic has three replicas and needs two in sync; one node is set up as the compose
 * stack's broker (docker-compose.yml).
 */
public final class KafkaCluster implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private final List<ServiceProcess> nodes; // node id i + 1 at index i
  private final List<Integer> brokerPorts;

  private KafkaCluster(List<ServiceProcess> nodes, List<Integer> brokerPorts) {
    this.nodes = nodes;
    this.brokerPorts = brokerPorts;
  }

  /**
   * Formats and starts {@code size} nodes (1 or 3) without waiting for them: {@link #awaitServing}
   * waits.
   *
   * @param brokerSession how long the controllers wait for a silent broker before they fence it
   *     and elect new leaders for its partitions ({@code broker.session.timeout.ms}); empty for
   *     Kafka's default (9 s)
   */
  public static KafkaCluster launch(int size, Optional<Duration> brokerSession, Path workDir)
      throws IOException, InterruptedException {
    if (size != 1 && size != 3) {
      throw new IllegalArgumentException("a cluster of 1 or 3 brokers, not " + size);
    }
    List<Integer> brokerPorts = new ArrayList<>();
    List<Integer> controllerPorts = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      brokerPorts.add(ServiceProcess.freePort());
      controllerPorts.add(ServiceProcess.freePort());
    }
    String voters = IntStream.range(0, size)
        .mapToObj(i -> (i + 1) + "@" + HOST + ":" + controllerPorts.get(i))
        .collect(Collectors.joining(","));
    String clusterId = Uuid.randomUuid().toString();
    Path logging = logbackConfig(workDir);
    List<ServiceProcess> nodes = new ArrayList<>();
    KafkaCluster cluster = new KafkaCluster(nodes, brokerPorts);
    try {
      for (int i = 0; i < size; i++) {
        int id = i + 1;
        Path config = workDir.resolve("kafka-" + id + ".properties");
        Properties settings = brokerConfig(size, id, brokerPorts.get(i), controllerPorts.get(i),
            voters, workDir.resolve("kafka-" + id).toAbsolutePath());
        brokerSession.ifPresent(session -> putBrokerSession(settings, session));
        store(settings, config);
        format(clusterId, config, logging, workDir.resolve("kafka-" + id + "-format.log"));
        nodes.add(ServiceProcess.launch("kafka-" + id,
            kafkaCommand(logging, "kafka.Kafka", config.toString()),
            () -> cluster.serving(id), null, workDir));
      }
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Waits until every node serves (one of three only can once a quorum of controllers is up). */
  public void awaitServing() throws IOException, InterruptedException {
    for (ServiceProcess node : nodes) {
      node.awaitReady(READY_TIMEOUT);
    }
  }

  public String bootstrapServers() {
    return brokerPorts.stream().map(port -> HOST + ":" + port).collect(Collectors.joining(","));
  }

  public int size() {
    return nodes.size();
  }

  public ServiceProcess node(int id) {
    return nodes.get(id - 1);
  }

  /** The node that leads the most partitions of all topics, internal ones included. */
  public int leaderOfMostPartitions() throws InterruptedException {
    try (Admin admin = admin(bootstrapServers())) {
      var names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
      Map<Integer, Integer> led = new HashMap<>();
      for (TopicDescription topic : admin.describeTopics(names).allTopicNames().get().values()) {
        topic.partitions().stream()
            .filter(partition -> partition.leader() != null)
            .forEach(partition -> led.merge(partition.leader().id(), 1, Integer::sum));
      }
      return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not describe the topics: " + e.getCause(), e);
    }
  }

  /**
   * Starts a stopped node again on its data and waits until it serves; returns that moment
   * (System.nanoTime).
   */
  public long restartAndAwaitServing(int id) throws IOException, InterruptedException {
    ServiceProcess node = node(id);
    node.restart();
    node.awaitReady(READY_TIMEOUT);
    return System.nanoTime();
  }

  /** Whether the node answers on its own listener as a registered, unfenced broker. */
  boolean serving(int id) {
    Admin admin = admin(HOST + ":" + brokerPorts.get(id - 1));
    try {
      return admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).stream()
          .anyMatch(node -> node.id() == id);
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      admin.close(Duration.ZERO); // a probe of a node that is down must not wait for it
    }
  }

  @Override
  public void close() {
    nodes.forEach(ServiceProcess::close);
  }

  static Properties brokerConfig(
      int size, int id, int brokerPort, int controllerPort, String voters, Path logDir) {
    Properties config = new Properties();
    config.put("process.roles", "broker,controller");
    config.put("node.id", String.valueOf(id));
    config.put("controller.quorum.voters", voters);
    config.put("listeners",
        "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    config.put("controller.listener.names", "CONTROLLER");
    config.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("log.dirs", logDir.toString());
    // As in docker-compose.yml: the cdc app creates its topics; one created by accident with the
    // broker's defaults would be wrong.
    config.put("auto.create.topics.enable", "false");
    String replicas = String.valueOf(size);
    String inSync = String.valueOf(size == 1 ? 1 : 2);
    config.put("default.replication.factor", replicas);
    config.put("min.insync.replicas", inSync);
    config.put("offsets.topic.replication.factor", replicas);
    config.put("transaction.state.log.replication.factor", replicas);
    config.put("transaction.state.log.min.isr", inSync);
    if (size == 1) {
      // The compose stack's single broker, as docker-compose.yml sets it: no wait for a group's
      // first members, and timed-out transactions (a crashed cdc's, when no other survives to
      // fence it) looked for every second. Three brokers keep the stock settings: the initial
      // rebalance delay only holds a group's first rebalance.
      config.put("group.initial.rebalance.delay.ms", "0");
      config.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    }
    return config;
  }

  /** A broker heartbeats six times per session, as with Kafka's defaults (2 s in 9 s, rounded). */
  private static void putBrokerSession(Properties config, Duration session) {
    config.put("broker.session.timeout.ms", String.valueOf(session.toMillis()));
    config.put("broker.heartbeat.interval.ms", String.valueOf(session.toMillis() / 6));
  }

  private static void format(String clusterId, Path config, Path logging, Path log)
      throws IOException, InterruptedException {
    Process format = new ProcessBuilder(kafkaCommand(logging, "kafka.tools.StorageTool",
            "format", "--cluster-id", clusterId, "--config", config.toString()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new IOException("Kafka's storage tool could not format " + config + "; see " + log);
    }
  }

  /** The bench's own class path holds Kafka's jars (kafka_2.13 and what it needs). */
  private static List<String> kafkaCommand(Path logging, String mainClass, String... args) {
    List<String> command = new ArrayList<>(List.of(
        ServiceProcess.javaExecutable(), "-Xmx512m", "-Xms512m",
        "-Dlogback.configurationFile=" + logging.toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Kafka logs through SLF4J, bound to Logback on the bench's class path; the bench's own
   * logback.xml keeps its clients quiet, a broker logs at INFO, as Kafka's own configuration has
   * it.
   */
  private static Path logbackConfig(Path workDir) throws IOException {
    Path file = workDir.resolve("kafka-logback.xml");
    Files.writeString(file, """
        <configuration>
          <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
          </appender>
          <root level="INFO"><appender-ref ref="out"/></root>
        </configuration>
        """);
    return file;
  }

  private static void store(Properties config, Path file) {
    try (var out = Files.newBufferedWriter(file)) {
      config.store(out, "a node of the failover scenario's cluster");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Admin admin(String bootstrapServers) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    return Admin.create(config);
  }
}
