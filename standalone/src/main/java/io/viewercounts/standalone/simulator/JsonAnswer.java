package io.viewercounts.standalone.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.databind.json.JsonMapper;

/** Writes a JSON answer on the simulator's HTTP server: the Livepeer calls' and the control's. */
final class JsonAnswer {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonAnswer() {}

  static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
