package io.viewercounts.startup;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginProvider;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports a configuration value that cannot be bound or breaks a constraint in one line per bad
 * value: the key, the value, where it came from and what is allowed. Ahead of Spring Boot's own
 * analyzers, whose report of a value that does not convert ends in a type signature and a
 * stack of causes rather than in what to write instead.
 */
public final class ConfigurationErrorAnalyzer extends AbstractFailureAnalyzer<BindException>
    implements Ordered {

  /** Errors shown for one record; the rest are counted, so the report stays a screen's worth. */
  private static final int SHOWN_ERRORS = 5;

  private static final String CHECK_METHOD = "AssertTrue";

  private static final String ACTION =
      "Correct the value where it is set (command line, environment variable or application.yml);"
          + " docs/configuration.md lists every key.";

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, BindException failure) {
    List<String> lines =
        failure.getCause() instanceof BindValidationException invalid
            ? constraintViolations(invalid.getValidationErrors())
            : List.of(unboundValue(failure));
    return new FailureAnalysis("Invalid configuration:\n" + String.join("\n", lines), ACTION, failure);
  }

  private static List<String> constraintViolations(ValidationErrors errors) {
    List<String> lines = new ArrayList<>();
    List<ObjectError> all = errors.getAllErrors();
    for (ObjectError error : all.subList(0, Math.min(SHOWN_ERRORS, all.size()))) {
      if (error instanceof FieldError field) {
        ConfigurationPropertyName key =
            errors.getName().append(DataObjectPropertyName.toDashedForm(field.getField()));
        // The value as written ("-5s"), not as bound ("PT-5S"), where it was written.
        ConfigurationProperty written =
            errors.getBoundProperties().stream()
                .filter(property -> property.getName().equals(key))
                .findFirst()
                .orElse(null);
        if (CHECK_METHOD.equals(field.getCode())) {
          // An @AssertTrue method over several values: its message names them.
          lines.add("  " + key.getParent() + ": " + error.getDefaultMessage());
          continue;
        }
        lines.add("  " + key + " = "
            + (written == null ? quoted(field.getRejectedValue()) + from(error) : quoted(written.getValue()) + from(written))
            + ": " + error.getDefaultMessage());
      } else {
        lines.add("  " + errors.getName() + ": " + error.getDefaultMessage());
      }
    }
    if (all.size() > SHOWN_ERRORS) {
      lines.add("  and " + (all.size() - SHOWN_ERRORS) + " more");
    }
    return lines;
  }

  private static String unboundValue(BindException failure) {
    ConfigurationProperty property = failure.getProperty();
    if (property == null) {
      // A record's own check refused the combination of its values; its message names them.
      return "  " + failure.getName() + ": " + deepestMessage(failure);
    }
    Class<?> type = failure.getTarget().getType().resolve(Object.class);
    return "  " + property.getName() + " = " + quoted(property.getValue()) + from(property)
        + ": " + (conversionFailed(failure) ? "not accepted" : deepestMessage(failure))
        + "; allowed: " + AllowedValues.of(type);
  }

  private static boolean conversionFailed(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConversionFailedException) {
        return true;
      }
    }
    return false;
  }

  private static String deepestMessage(Throwable failure) {
    Throwable deepest = failure;
    while (deepest.getCause() != null) {
      deepest = deepest.getCause();
    }
    return deepest.getMessage();
  }

  private static String from(Object source) {
    Origin origin = source instanceof OriginProvider provider ? provider.getOrigin() : null;
    return origin == null ? "" : " (" + origin + ")";
  }

  private static String quoted(Object value) {
    return "\"" + value + "\"";
  }
}
