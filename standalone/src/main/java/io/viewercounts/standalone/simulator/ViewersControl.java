package io.viewercounts.standalone.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers {@code PUT /simulator/streams/{id}/viewers} with a plain-text count as body: the
 * simulator's control API, through which a benchmark sets an audience at a moment it chooses and
 * times how long the change takes to reach browsers.
 */
final class ViewersControl implements HttpHandler {

  /** The context to mount this handler on; every path under it is answered here. */
  static final String CONTEXT = "/simulator/streams/";

  private static final Pattern PATH = Pattern.compile("/simulator/streams/([^/]+)/viewers");
  // Up to 9,999,999: far above any real stream, far below what an int or a viewer_count column holds.
  private static final Pattern COUNT = Pattern.compile("[0-9]{1,7}");
  private static final int MAX_BODY_BYTES = 64;
  private static final String EXPECTED_BODY = "a whole number of viewers from 0 to 9999999";

  /** What the control changes. */
  interface Audiences {
    /** Sets a stream's viewers and puts it live; false when no stream has that id. */
    boolean setViewers(String streamId, int viewers);
  }

  private final Audiences audiences;

  ViewersControl(Audiences audiences) {
    this.audiences = audiences;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
      if (!path.matches()) {
        error(exchange, 404, "no such path: the control API is PUT " + CONTEXT + "{id}/viewers");
        return;
      }
      if (!"PUT".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "PUT");
        error(exchange, 405, "only PUT sets a stream's viewers, not " + exchange.getRequestMethod());
        return;
      }
      byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        error(exchange, 400, "the body must be " + EXPECTED_BODY + ", in at most " + MAX_BODY_BYTES + " bytes");
        return;
      }
      // Trimmed, so that what `echo 12 | curl -T -` sends is accepted as well as `curl -d 12`.
      String count = new String(body, StandardCharsets.UTF_8).strip();
      if (!COUNT.matcher(count).matches()) {
        error(exchange, 400, "the body must be " + EXPECTED_BODY + ", was \"" + count + "\"");
        return;
      }
      String streamId = path.group(1);
      if (!audiences.setViewers(streamId, Integer.parseInt(count))) {
        error(exchange, 404, "no simulated stream has the id " + streamId);
        return;
      }
      exchange.sendResponseHeaders(204, -1);
    }
  }

  private static void error(HttpExchange exchange, int status, String message)
      throws IOException {
    JsonAnswer.send(exchange, status, Map.of("error", message));
  }
}
