package io.viewercounts.standalone;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded infrastructure that the standalone starts for whatever the
 * configuration does not point elsewhere (prefix {@code standalone}).
 *
 * @param postgresPort port of the embedded PostgreSQL, 0 for any free port
 * @param kafkaPort client port of the in-process Kafka broker, 0 for any free port
 * @param simulator the built-in Livepeer simulator
 */
@ConfigurationProperties("standalone")
public record StandaloneProperties(
    @DefaultValue("0") int postgresPort,
    @DefaultValue("0") int kafkaPort,
    @DefaultValue Simulator simulator) {

  public StandaloneProperties {
    requirePort("standalone.postgres-port", postgresPort);
    requirePort("standalone.kafka-port", kafkaPort);
  }

  /**
   * @param port port of the simulator's HTTP server, 0 for any free port
   * @param streams how many streams it simulates, 1 to 8
   * @param tick how often their audiences move
   * @param drift whether audiences move on their own; false keeps them still except through the
   *     simulator's control API, for benchmarks
   */
  public record Simulator(
      @DefaultValue("0") int port,
      @DefaultValue("6") int streams,
      @DefaultValue("2s") Duration tick,
      @DefaultValue("true") boolean drift) {

    public Simulator {
      requirePort("standalone.simulator.port", port);
      if (streams < 1 || streams > 8) {
        throw new IllegalArgumentException("standalone.simulator.streams must be 1 to 8, was " + streams);
      }
      if (tick.isNegative() || tick.isZero()) {
        throw new IllegalArgumentException("standalone.simulator.tick must be positive, was " + tick);
      }
    }
  }

  private static void requirePort(String name, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(name + " must be a port from 0 to 65535, was " + port);
    }
  }
}
