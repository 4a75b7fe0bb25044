package io.viewercounts.broadcaster.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.viewercounts.events.Topics;
import io.viewercounts.events.ViewerCount;
import io.viewercounts.events.ViewerCountJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The broadcaster benchmark: an in-process Kafka, broadcaster nodes as separate JVMs, and {@link
 * LoadWorker} processes holding the WebSocket clients, all on 127.0.0.0/8. Not a test: run it with
 * {@code mvn -B -pl broadcaster -Pbench process-test-classes -Dbench="SCENARIO [--option value]"}.
 *
 * <ul>
 *   <li>{@code connections}: the most idle connections one node holds, heap and RSS per connection
 *   <li>{@code fanout}: one stream with {@code --subscribers} (19,000) clients; produce-to-last
 *       (and to-first) subscriber latency over {@code --changes} (100) changes
 *   <li>{@code throughput}: {@code --connections} (10,000) clients over {@code --streams} (1,000)
 *       streams, {@code --each} (10) per client, {@code --rate} changes a second; delivered a second
 *   <li>{@code nodes}: {@code --nodes} (5) nodes, up to {@code --total} (100,000) clients on one
 *       stream; whether every client gets every one of {@code --changes} changes
 * </ul>
 *
 * <p>Other options: {@code --heap 1g} (each node's -Xmx), {@code --jfr yes} (a flight recording of
 * node-1, summarized at the end), {@code --node-jvm a,b} and {@code --node name=value,...} (more
 * JVM options and settings for the nodes), {@code --workers N}.
 *
 * Every run is bounded: fixed counts, fixed durations, timeouts on every wait.
 */
public final class LoadGenerator {

  private static final String NODE_CLASSPATH_FILE = "target/bench/node.classpath";
  /** A process may open this many files here (ulimit -Hn), and the limit cannot be raised. */
  private static final int FILE_LIMIT = 20_000;
  /** Files a node or worker keeps for itself beyond its sockets, with some slack. */
  private static final int SPARE_FILES = 64;

  private final Map<String, String> options;
  private final Path workDir = Path.of("target", "bench");
  private final List<AutoCloseable> running = new ArrayList<>();
  private EmbeddedKafkaKraftBroker kafka;
  private KafkaProducer<String, String> producer;

  private LoadGenerator(Map<String, String> options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: LoadGenerator connections|fanout|throughput|nodes [--name value]");
      System.exit(2);
    }
    // The in-process broker logs at INFO on the console otherwise, drowning the results.
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    LoadGenerator generator = new LoadGenerator(options);
    try {
      generator.startKafka();
      switch (args[0]) {
        case "connections" -> generator.connections();
        case "fanout" -> generator.fanout();
        case "throughput" -> generator.throughput();
        case "nodes" -> generator.nodes();
        default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
      }
    } finally {
      generator.stopAll();
    }
    System.exit(0); // the embedded broker leaves non-daemon threads behind
  }

  // ---- scenarios ----

  private void connections() throws Exception {
    NodeProcess node = startNode("node-1");
    warmUp(node);
    long heapBefore = node.liveHeapBytes();
    long rssBefore = node.rssBytes();
    int filesBefore = node.openFiles();
    int target = option("connections", FILE_LIMIT - filesBefore - SPARE_FILES);
    report("node files before: %d; target %d connections", filesBefore, target);

    List<WorkerProcess> workers = workers(2);
    long started = System.nanoTime();
    int opened = connectAll(workers, target, List.of(node), "one:idle");
    double seconds = (System.nanoTime() - started) / 1e9;
    Thread.sleep(2_000);
    int held = (int) node.metric("viewercounts_broadcaster_connections");
    long heapAfter = node.liveHeapBytes();
    long rssAfter = node.rssBytes();
    report("opened %d of %d in %.1f s (%.0f/s); the node holds %d", opened, target, seconds,
        opened / seconds, held);
    report("live heap: %s before, %s after: %.0f bytes per connection",
        mib(heapBefore), mib(heapAfter), (heapAfter - heapBefore) / (double) held);
    report("RSS: %s before, %s after: %.0f bytes per connection; %s total over %d connections",
        mib(rssBefore), mib(rssAfter), (rssAfter - rssBefore) / (double) held, mib(rssAfter),
        held);
    report("node files: %d", node.openFiles());
    node.writeClassHistogram(workDir.resolve("node-1.histogram"));

    int holdSeconds = option("hold-seconds", 60);
    Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds)); // past two ping intervals
    long stillOpen = 0;
    for (WorkerProcess worker : workers) {
      stillOpen += Long.parseLong(worker.ask("tally")[1]);
    }
    report("after %d s idle: %d connections still open (clients answer the server's pings)",
        holdSeconds, stillOpen);
  }

  private void fanout() throws Exception {
    NodeProcess node = startNode("node-1");
    int subscribers = option("subscribers", 19_000);
    int changes = option("changes", 100);
    List<WorkerProcess> workers = workers(option("workers", 2));
    int opened = connectAll(workers, subscribers, List.of(node), "one:fanout");
    report("%d subscribers of one stream", opened);

    Histogram toLast = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    Histogram toFirst = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    int warmUp = 20;
    int incomplete = 0;
    long[] cpu0 = null;
    for (int i = 0; i < warmUp + changes; i++) {
      long version = System.nanoTime(); // versions are produce times: comparable across processes
      produce(new ViewerCount("fanout", i, true, null, version, null));
      long first = Long.MAX_VALUE;
      long last = 0;
      long have = 0;
      for (WorkerProcess worker : workers) {
        worker.send("await " + version + " 30000");
      }
      for (WorkerProcess worker : workers) {
        String[] answer = worker.answer();
        have += Long.parseLong(answer[1]);
        first = Math.min(first, Long.parseLong(answer[3]));
        last = Math.max(last, Long.parseLong(answer[4]));
      }
      if (have < opened) {
        incomplete++;
      }
      if (i == warmUp - 1) {
        cpu0 = node.cpuTicksSplit();
      }
      if (i >= warmUp) {
        toLast.recordValue(TimeUnit.NANOSECONDS.toMicros(last - version));
        toFirst.recordValue(TimeUnit.NANOSECONDS.toMicros(first - version));
      }
      Thread.sleep(option("pause-millis", 50));
    }
    report("%d changes to %d subscribers (after %d warm-up changes); %d not seen by all",
        changes, opened, warmUp, incomplete);
    report("produce to LAST subscriber: %s", percentiles(toLast));
    report("produce to FIRST subscriber: %s", percentiles(toFirst));
    long[] cpu1 = node.cpuTicksSplit();
    long ticks = cpu1[0] - cpu0[0] + cpu1[1] - cpu0[1];
    report("node CPU over the measured changes: %.1f s (%.0f%% in the kernel): %.1f us per message",
        ticks / 100.0, 100.0 * (cpu1[1] - cpu0[1]) / ticks, ticks * 1e4 / ((double) changes * opened));
    double handOffs = node.metric("viewercounts_broadcaster_fanout_seconds_count");
    report("in the node, handing a value to all subscribers took %.1f ms on average, %.1f ms at"
            + " most lately (viewercounts.broadcaster.fanout); delivered %.0f, conflated %.0f",
        node.metric("viewercounts_broadcaster_fanout_seconds_sum") * 1000 / handOffs,
        node.metric("viewercounts_broadcaster_fanout_seconds_max") * 1000,
        node.metric("viewercounts_broadcaster_messages_delivered_total"),
        node.metric("viewercounts_broadcaster_messages_conflated_total"));
  }

  private void throughput() throws Exception {
    NodeProcess node = startNode("node-1");
    int connections = option("connections", 10_000);
    int streams = option("streams", 1_000);
    int each = option("each", 10);
    int rate = option("rate", 3_000);
    int seconds = option("seconds", 20);
    List<WorkerProcess> workers = workers(option("workers", 2));
    int opened = connectAll(workers, connections, List.of(node), "spread:" + streams + ":" + each);
    report("%d clients, %d streams, %d streams each: %d subscribers a stream; offered %d changes/s"
        + " = %d messages/s", opened, streams, each, opened * each / streams, rate,
        (long) rate * opened * each / streams);

    Thread producing = new Thread(() -> produceAtRate(streams, rate, seconds + 8), "producer");
    producing.start();
    Thread.sleep(5_000); // warm-up
    long frames0 = frames(workers);
    double delivered0 = node.metric("viewercounts_broadcaster_messages_delivered_total");
    double conflated0 = node.metric("viewercounts_broadcaster_messages_conflated_total");
    long[] cpu0 = node.cpuTicksSplit();
    long t0 = System.nanoTime();
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    long frames1 = frames(workers);
    double delivered1 = node.metric("viewercounts_broadcaster_messages_delivered_total");
    double conflated1 = node.metric("viewercounts_broadcaster_messages_conflated_total");
    long[] cpu1 = node.cpuTicksSplit();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    producing.join(TimeUnit.SECONDS.toMillis(seconds + 30));
    report("received by clients: %.0f messages/s over %.1f s", (frames1 - frames0) / elapsed,
        elapsed);
    double delivered = (delivered1 - delivered0) / elapsed;
    double cpu = (cpu1[0] - cpu0[0] + cpu1[1] - cpu0[1]) / elapsed; // ticks/s = % of one core
    report("node: delivered %.0f/s, conflated %.0f/s, CPU %.0f%% of one core (%.0f%% in the"
            + " kernel): %.1f us of CPU per message", delivered, (conflated1 - conflated0) / elapsed,
        cpu, (cpu1[1] - cpu0[1]) / elapsed, cpu * 1e4 / delivered);
  }

  private void nodes() throws Exception {
    int nodeCount = option("nodes", 5);
    int total = option("total", 100_000);
    int changes = option("changes", 10);
    List<NodeProcess> nodes = new ArrayList<>();
    int capacity = 0;
    for (int i = 1; i <= nodeCount; i++) {
      NodeProcess node = startNode("node-" + i);
      nodes.add(node);
      capacity += FILE_LIMIT - node.openFiles() - SPARE_FILES;
    }
    int target = Math.min(total, capacity);
    report("%d nodes can take %d connections under the file limit; opening %d", nodeCount,
        capacity, target);
    int perWorker = FILE_LIMIT - 4 * SPARE_FILES;
    List<WorkerProcess> workers = workers((target + perWorker - 1) / perWorker);
    long started = System.nanoTime();
    int opened = connectAll(workers, target, nodes, "one:everyone");
    report("opened %d in %.1f s", opened, (System.nanoTime() - started) / 1e9);
    for (NodeProcess node : nodes) {
      report("  node on %d holds %.0f connections, RSS %s", node.port(),
          node.metric("viewercounts_broadcaster_connections"), mib(node.rssBytes()));
    }
    for (WorkerProcess worker : workers) {
      worker.ask("reset");
    }
    Histogram toLast = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    for (int i = 0; i < changes; i++) {
      long version = System.nanoTime();
      produce(new ViewerCount("everyone", i, true, null, version, null));
      long have = 0;
      long last = 0;
      for (WorkerProcess worker : workers) {
        worker.send("await " + version + " 60000");
      }
      for (WorkerProcess worker : workers) {
        String[] answer = worker.answer();
        have += Long.parseLong(answer[1]);
        last = Math.max(last, Long.parseLong(answer[4]));
      }
      toLast.recordValue(TimeUnit.NANOSECONDS.toMicros(last - version));
      report("  change %d: %d of %d clients have it after %.1f ms", i + 1, have, opened,
          (last - version) / 1e6);
      Thread.sleep(1_000);
    }
    long fewest = Long.MAX_VALUE;
    long open = 0;
    for (WorkerProcess worker : workers) {
      String[] tally = worker.ask("tally");
      open += Long.parseLong(tally[1]);
      fewest = Math.min(fewest, Long.parseLong(tally[3]));
    }
    report("%d clients open; the one that got fewest got %d of %d changes", open, fewest, changes);
    report("produce to last client: %s", percentiles(toLast));
  }

  // ---- parts ----

  private void startKafka() throws IOException {
    Files.createDirectories(workDir);
    report("load average at start: %s", Files.readString(Path.of("/proc/loadavg")).trim());
    kafka = new EmbeddedKafkaKraftBroker(1, 2);
    kafka.afterPropertiesSet();
    kafka.addTopics(new NewTopic(Topics.VIEWER_COUNTS, 2, (short) 1));
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ACKS_CONFIG, "1"));
  }

  private NodeProcess startNode(String name) throws IOException, InterruptedException {
    String classPath =
        Path.of("target", "classes").toAbsolutePath()
            + ":"
            + Files.readString(Path.of(NODE_CLASSPATH_FILE)).trim();
    List<String> jvm = new ArrayList<>();
    jvm.add("-Xmx" + options.getOrDefault("heap", "1g"));
    if (options.containsKey("jfr")) {
      jvm.add("-XX:StartFlightRecording=filename=" + workDir.resolve(name + ".jfr")
          + ",settings=profile,dumponexit=true");
    }
    jvm.addAll(List.of(options.getOrDefault("node-jvm", "").split(",")).stream()
        .filter(option -> !option.isBlank()).toList());
    NodeProcess node =
        NodeProcess.start(
            name,
            workDir,
            classPath,
            kafka.getBrokersAsString(),
            jvm,
            nodeSettings());
    running.add(node);
    report("%s: pid %d, port %d", name, node.pid(), node.port());
    return node;
  }

  /** Comma-separated {@code --node name=value,...} settings go to every node as well. */
  private List<String> nodeSettings() {
    List<String> settings = new ArrayList<>();
    settings.add("--broadcaster.max-connections-per-address=" + FILE_LIMIT);
    settings.add("--server.tomcat.accept-count=1024");
    settings.add("--logging.level.org.apache.kafka=WARN");
    for (String setting : options.getOrDefault("node", "").split(",")) {
      if (!setting.isBlank()) {
        settings.add("--" + setting);
      }
    }
    return settings;
  }

  private List<WorkerProcess> workers(int count) throws IOException {
    List<WorkerProcess> workers = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      WorkerProcess worker = WorkerProcess.start("worker-" + i, workDir);
      running.add(worker);
      workers.add(worker);
    }
    return workers;
  }

  /**
   * Opens {@code count} clients spread evenly over the workers, each worker binding its sockets to
   * an address of its own (127.0.1.N) so each has a full range of ephemeral ports.
   */
  private int connectAll(
      List<WorkerProcess> workers, int count, List<NodeProcess> nodes, String plan)
      throws IOException {
    String ports = nodes.stream().map(node -> String.valueOf(node.port()))
        .collect(Collectors.joining(","));
    int offset = 0;
    for (int i = 0; i < workers.size(); i++) {
      int share = count / workers.size() + (i < count % workers.size() ? 1 : 0);
      String workerPlan = plan.startsWith("spread:") ? plan + ":" + offset : plan;
      workers.get(i).send(
          "connect " + share + " 127.0.0.1 " + ports + " 127.0.1." + (i + 1) + " " + workerPlan);
      offset += share;
    }
    int opened = 0;
    for (WorkerProcess worker : workers) {
      String[] answer = worker.answer();
      opened += Integer.parseInt(answer[1]);
      if (!answer[2].equals("0")) {
        report("  a worker failed to open %s connections", answer[2]);
      }
    }
    return opened;
  }

  /** Opens and closes some clients so the node's code paths are compiled before measuring. */
  private void warmUp(NodeProcess node) throws Exception {
    try (WorkerProcess worker = WorkerProcess.start("warm-up", workDir)) {
      worker.ask("connect 2000 127.0.0.1 " + node.port() + " 127.0.2.1 one:idle");
    }
    // Until the node has closed every warm-up socket: its files are then its own again.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int files = node.openFiles();
    while (System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      int now = node.openFiles();
      if (now >= files && node.metric("viewercounts_broadcaster_connections") == 0) {
        break;
      }
      files = now;
    }
  }

  private long frames(List<WorkerProcess> workers) throws IOException {
    long frames = 0;
    for (WorkerProcess worker : workers) {
      frames += Long.parseLong(worker.ask("tally")[2]);
    }
    return frames;
  }

  private void produce(ViewerCount count) throws InterruptedException, ExecutionException {
    producer.send(record(count)).get();
  }

  /** Round-robin over the streams at {@code rate} changes a second, in 10 ms slices. */
  private void produceAtRate(int streams, int rate, int seconds) {
    long version = 0;
    long start = System.nanoTime();
    long slices = seconds * 100L;
    int stream = 0;
    for (long slice = 0; slice < slices; slice++) {
      long due = (slice + 1) * rate / 100 - slice * rate / 100;
      for (long k = 0; k < due; k++) {
        String id = StreamPlan.streamName(stream);
        producer.send(record(new ViewerCount(id, (int) (version % 1000), true, null, ++version,
            null)));
        stream = (stream + 1) % streams;
      }
      long wait = start + (slice + 1) * 10_000_000L - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    producer.flush();
  }

  private static ProducerRecord<String, String> record(ViewerCount count) {
    return new ProducerRecord<>(Topics.VIEWER_COUNTS, count.streamId(),
        ViewerCountJson.encode(count));
  }

  private void stopAll() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        System.err.println("stopping " + running.get(i) + ": " + e);
      }
    }
    if (producer != null) {
      producer.close();
    }
    if (kafka != null) {
      kafka.destroy();
    }
    try {
      report("load average at end: %s", Files.readString(Path.of("/proc/loadavg")).trim());
      if (options.containsKey("jfr")) {
        ProfileSummary.print(workDir.resolve("node-1.jfr")); // written as the node exited
      }
    } catch (IOException e) {
      System.err.println("reporting: " + e);
    }
  }

  private int option(String name, int otherwise) {
    return options.containsKey(name) ? Integer.parseInt(options.get(name)) : otherwise;
  }

  private static String percentiles(Histogram micros) {
    return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
        micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
        micros.getMaxValue() / 1000.0, micros.getTotalCount());
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1048576.0);
  }

  private static void report(String format, Object... args) {
    System.out.println("[bench] " + String.format(format, args));
  }
}
