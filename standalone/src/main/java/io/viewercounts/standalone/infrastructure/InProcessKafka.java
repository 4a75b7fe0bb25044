package io.viewercounts.standalone.infrastructure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.springframework.util.FileSystemUtils;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one), inside this JVM, on
 * loopback. Its log directory is temporary: the standalone's data lives as long as the process.
 */
public final class InProcessKafka implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final int NODE_ID = 1;

  private final KafkaRaftServer server;
  private final Path logDirectory;
  private final String bootstrapServers;

  private InProcessKafka(KafkaRaftServer server, Path logDirectory, String bootstrapServers) {
    this.server = server;
    this.logDirectory = logDirectory;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Formats a fresh log directory and starts the broker.
   *
   * @param port the client port, or 0 for any free port
   */
  public static InProcessKafka start(int port) {
    try {
      Path logDirectory = Files.createTempDirectory("viewer-counts-kafka");
      int brokerPort = port == 0 ? freePort() : port;
      int controllerPort = freePort();
      Properties config = brokerConfig(logDirectory, brokerPort, controllerPort);
      format(logDirectory);
      KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
      server.startup();
      return new InProcessKafka(server, logDirectory, HOST + ":" + brokerPort);
    } catch (Exception e) {
      throw new IllegalStateException("could not start the in-process Kafka broker: " + e.getMessage(), e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    FileSystemUtils.deleteRecursively(logDirectory.toFile());
  }

  static Properties brokerConfig(Path logDirectory, int brokerPort, int controllerPort) {
    Properties config = new Properties();
    config.put("process.roles", "broker,controller");
    config.put("node.id", String.valueOf(NODE_ID));
    config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    config.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
    config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    config.put("controller.listener.names", CONTROLLER_LISTENER);
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("log.dirs", logDirectory.toString());
    // One broker: every internal topic can only have one replica, and few partitions start faster.
    config.put("offsets.topic.replication.factor", "1");
    config.put("offsets.topic.num.partitions", "3");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("transaction.state.log.num.partitions", "3");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("default.replication.factor", "1");
    config.put("min.insync.replicas", "1");
    // Nobody else joins the consumer groups of one process: no reason to wait for them.
    config.put("group.initial.rebalance.delay.ms", "0");
    // A broker of one process on a laptop's cores: Kafka's 8 request threads and 3 network
    // threads (sized for a machine of its own) only hand each request between more sleeping
    // threads. Measured in the bench's latency scenario: the broker's share of a core 19.6%
    // instead of 21.4%, latency no worse.
    config.put("num.io.threads", "2");
    config.put("num.network.threads", "1");
    return config;
  }

  private static void format(Path logDirectory) throws Exception {
    new Formatter()
        .setNodeId(NODE_ID)
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(logDirectory.toString()))
        .setMetadataLogDirectory(logDirectory.toString())
        .setControllerListenerName(CONTROLLER_LISTENER)
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .run();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(HOST, 0));
      return socket.getLocalPort();
    }
  }
}
