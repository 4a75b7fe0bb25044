package io.viewercounts.cdc;

import io.viewercounts.startup.ForegroundInitialization;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** Runs the capture and the topology as their own process. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(CdcConfiguration.class)
public class CdcApplication {

  public static void main(String[] args) {
    ForegroundInitialization.apply();
    SpringApplication.run(CdcApplication.class, args);
  }
}
