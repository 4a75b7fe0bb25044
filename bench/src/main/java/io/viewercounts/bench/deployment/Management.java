package io.viewercounts.bench.deployment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A node's management port: readiness and Prometheus metrics, as the contract exposes them. */
public final class Management {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;

  public Management(URI base) {
    this.base = base;
  }

  public boolean ready() throws InterruptedException {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(base.resolve("/actuator/health/readiness")).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false; // not listening yet
    }
  }

  /** The body of {@code /actuator/health}, whatever its status (a DOWN answers 503). */
  public String health() throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(base.resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The sum of the Prometheus samples of {@code name} whose labels contain {@code label}. */
  public double metric(String name, String label) throws IOException, InterruptedException {
    String body =
        HTTP.send(
                HttpRequest.newBuilder(base.resolve("/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    double sum = 0;
    for (String line : body.split("\n")) {
      boolean sample = line.startsWith(name + "{") || line.startsWith(name + " ");
      if (sample && line.contains(label)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  public double metric(String name) throws IOException, InterruptedException {
    return metric(name, "");
  }
}
