package io.viewercounts.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import io.viewercounts.testsupport.Doorbell;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** docs/operations.md ("Logs"): one setting turns the console into JSON lines, reports included. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTest {

  /** Spring Boot hands the format on to Logback as this system property, which outlives the app. */
  @AfterEach
  void plainTextForTheNextApp() {
    System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
  }

  @Test
  void ecsFormatMakesEveryConsoleLineOneJsonDocument(CapturedOutput output) throws Exception {
    try (Doorbell server = Doorbell.open()) {
      assertThatThrownBy(
              () -> CheckedApplication.run(
                  "--logging.structured.format.console=ecs", "--app.server=" + server.address(), "--app.count=0"))
          .isNotNull();
    }

    List<String> lines = output.getOut().lines().filter(line -> !line.isBlank()).toList();
    assertThat(lines).isNotEmpty();
    assertThat(lines).allSatisfy(line -> assertThat((Object) JsonPath.parse(line).read("$['@timestamp']")).isNotNull());
    assertThat(lines).anySatisfy(line -> assertThat(JsonPath.parse(line).<String>read("$.message")).contains("app.count = \"0\""));
  }
}
