package io.viewercounts.bench.clients;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One load-generator process: many WebSocket clients on one selector thread ({@link Clients}),
 * driven by the benchmark through a line protocol on stdin and stdout. A process may open at most
 * 20,000 files here, so the benchmark runs several of these. Uses only the JDK and this package.
 *
 * <pre>
 * connect COUNT HOST PORTS SOURCE PLAN   opens COUNT clients spread over the comma-separated PORTS,
 *                                        bound to the local address SOURCE; each subscribes as
 *                                        PLAN says ({@link StreamPlan#encode});
 *                                        answers "connected OK FAILED"
 * await STREAM COUNT MILLIS              waits until every open client of STREAM has a count of at
 *                                        least COUNT; "await HAVE SUBSCRIBED FIRST_NS LAST_NS"
 * expect MILLIS STREAM=COUNT,...         waits until every open client ended with these counts;
 *                                        "expect HOLDING OPEN BACKWARDS REPEATS DROPPED"
 * drain FILE                             writes every receipt since the last drain to FILE;
 *                                        "drained N"
 * reset                                  forgets the receipts so far
 * quit                                   closes every client and exits
 * </pre>
 */
public final class LoadWorker {

  private LoadWorker() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Clients clients = new Clients();
    clients.start();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] word = line.trim().split("\\s+");
      switch (word[0]) {
        case "connect" -> {
          List<Integer> ports = Arrays.stream(word[3].split(",")).map(Integer::valueOf).toList();
          int[] result = clients.connect(
              Integer.parseInt(word[1]), word[2], ports, word[4], StreamPlan.decode(word[5]));
          out.println("connected " + result[0] + " " + result[1]);
        }
        case "await" -> out.println("await " + join(
            clients.await(word[1], Long.parseLong(word[2]), Long.parseLong(word[3]))));
        case "expect" -> out.println("expect " + join(
            clients.expect(counts(word[2]), Long.parseLong(word[1]))));
        case "drain" -> out.println("drained " + clients.drainReceipts(Path.of(word[1])));
        case "reset" -> {
          clients.reset();
          out.println("reset");
        }
        case "quit" -> {
          clients.close();
          out.println("bye");
          return;
        }
        default -> out.println("error unknown command " + word[0]);
      }
    }
    clients.close(); // the benchmark went away
  }

  private static Map<String, Long> counts(String list) {
    Map<String, Long> counts = new HashMap<>();
    for (String entry : list.split(",")) {
      int equals = entry.lastIndexOf('=');
      counts.put(entry.substring(0, equals), Long.parseLong(entry.substring(equals + 1)));
    }
    return counts;
  }

  private static String join(long[] values) {
    StringBuilder line = new StringBuilder();
    for (long value : values) {
      line.append(line.length() == 0 ? "" : " ").append(value);
    }
    return line.toString();
  }
}
