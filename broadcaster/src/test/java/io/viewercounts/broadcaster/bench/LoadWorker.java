package io.viewercounts.broadcaster.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One load-generator process: many WebSocket clients on one selector thread ({@link Clients}),
 * driven by {@link LoadGenerator} through a line protocol on stdin and stdout. A process may open
 * at most 20,000 files here, so the generator runs several of these. Uses only the JDK, so it
 * starts from the test classes alone.
 *
 * <pre>
 * connect COUNT HOST PORTS SOURCE STREAMS   opens COUNT clients spread over the comma-separated
 *                                           PORTS, bound to the local address SOURCE; each
 *                                           subscribes to STREAMS (see {@link StreamPlan});
 *                                           answers "connected OK FAILED"
 * await VERSION MILLIS                      waits until every open client has a version at least
 *                                           VERSION; answers "await HAVE OPEN FIRST_NS LAST_NS"
 *                                           (first and last receipt of VERSION, System.nanoTime)
 * tally                                     "tally OPEN FRAMES MIN MAX": viewer_count frames since
 *                                           the last reset, in all and per client
 * reset                                     zeroes the tallies and forgets receipt times
 * quit                                      closes every client and exits
 * </pre>
 */
public final class LoadWorker {

  private LoadWorker() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Clients clients = new Clients();
    clients.start();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] word = line.trim().split("\\s+");
      switch (word[0]) {
        case "connect" -> {
          List<Integer> ports =
              Arrays.stream(word[3].split(",")).map(Integer::valueOf).toList();
          int[] result =
              clients.connect(
                  Integer.parseInt(word[1]), word[2], ports, word[4], StreamPlan.parse(word[5]));
          out.println("connected " + result[0] + " " + result[1]);
        }
        case "await" -> {
          long[] result = clients.await(Long.parseLong(word[1]), Long.parseLong(word[2]));
          out.println("await " + result[0] + " " + result[1] + " " + result[2] + " " + result[3]);
        }
        case "tally" -> {
          long[] tally = clients.tally();
          out.println("tally " + tally[0] + " " + tally[1] + " " + tally[2] + " " + tally[3]);
        }
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
    clients.close(); // the generator went away
  }
}
