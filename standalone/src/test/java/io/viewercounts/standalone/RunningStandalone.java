package io.viewercounts.standalone;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The standalone as a user starts it (embedded PostgreSQL and Kafka, the Livepeer simulator),
 * started once for a test class whose tests take it as a parameter, ready, shared by those tests
 * and closed when the class ends, so that it never runs beside the pipeline of another test class.
 * For tests that only look at a running pipeline; tests of start-up or shutdown start their own.
 */
public final class RunningStandalone implements AutoCloseable {

  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final ConfigurableApplicationContext context;

  private RunningStandalone(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Resolves a {@link RunningStandalone} parameter: {@code @ExtendWith(RunningStandalone.Shared.class)}. */
  public static final class Shared implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == RunningStandalone.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      ExtensionContext testClass = context;
      while (testClass.getTestMethod().isPresent()) {
        testClass = testClass.getParent().orElseThrow();
      }
      return testClass
          .getStore(ExtensionContext.Namespace.create(RunningStandalone.class))
          .computeIfAbsent(RunningStandalone.class, key -> start(), RunningStandalone.class);
    }
  }

  private static RunningStandalone start() {
    RunningStandalone standalone =
        new RunningStandalone(
            StandaloneApplication.application()
                .run(
                    "--server.port=0",
                    "--management.server.port=0",
                    "--standalone.simulator.tick=200ms",
                    "--poller.interval=250ms"));
    await()
        .atMost(PATIENCE)
        .until(() -> standalone.getManagement("/actuator/health/readiness").statusCode() == 200);
    return standalone;
  }

  /** A GET on the management port (actuator). */
  public HttpResponse<String> getManagement(String path) throws Exception {
    return get(localPort("local.management.port"), path);
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private int localPort(String property) {
    return Integer.parseInt(context.getEnvironment().getProperty(property));
  }

  @Override
  public void close() {
    context.close();
  }
}
