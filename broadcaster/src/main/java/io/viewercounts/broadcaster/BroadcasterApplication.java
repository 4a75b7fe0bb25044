package io.viewercounts.broadcaster;

import io.viewercounts.startup.ForegroundInitialization;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** Runs the broadcaster alone: WebSocket and HTTP on one port, actuator on another. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(BroadcasterConfiguration.class)
public class BroadcasterApplication {

  public static void main(String[] args) {
    ForegroundInitialization.apply();
    SpringApplication.run(BroadcasterApplication.class, args);
  }
}
