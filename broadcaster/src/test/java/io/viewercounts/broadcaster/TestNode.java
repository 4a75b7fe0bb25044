package io.viewercounts.broadcaster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** One broadcaster node, started as {@code main} starts it, on free ports unless told one. */
final class TestNode implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final ConfigurableApplicationContext app;

  private TestNode(ConfigurableApplicationContext app) {
    this.app = app;
  }

  /**
   * @param port the HTTP and WebSocket port, 0 for any free one
   * @param settings further {@code --name=value} arguments
   */
  static TestNode start(String bootstrapServers, int port, String... settings) {
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    args.add("--management.server.port=0");
    args.add("--spring.kafka.bootstrap-servers=" + bootstrapServers);
    args.addAll(List.of(settings));
    return new TestNode(
        new SpringApplicationBuilder(BroadcasterApplication.class).run(args.toArray(String[]::new)));
  }

  ConfigurableApplicationContext context() {
    return app;
  }

  int port() {
    return Integer.parseInt(property("local.server.port"));
  }

  URI ws() {
    return URI.create("ws://localhost:" + port() + "/ws");
  }

  URI api(String path) {
    return URI.create("http://localhost:" + port() + path);
  }

  URI management(String path) {
    return URI.create("http://localhost:" + property("local.management.port") + path);
  }

  /** The readiness probe's answer: 200 when ready, 503 when not. */
  HttpResponse<String> readiness() throws Exception {
    return get(management("/actuator/health/readiness"));
  }

  boolean isReady() throws Exception {
    return readiness().statusCode() == 200;
  }

  static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    app.close();
  }

  private String property(String name) {
    return app.getEnvironment().getRequiredProperty(name);
  }
}
