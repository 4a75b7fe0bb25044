package io.viewercounts.cdc;

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
    SpringApplication.run(CdcApplication.class, args);
  }
}
