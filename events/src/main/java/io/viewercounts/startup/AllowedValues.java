package io.viewercounts.startup;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/** What a property of a given type accepts, in the words of the person who has to fix it. */
final class AllowedValues {

  private AllowedValues() {}

  static String of(Class<?> type) {
    Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
    if (boxed == Duration.class) {
      return "a duration: a number and a unit (ns, us, ms, s, m, h, d) such as 250ms or 5s, or ISO-8601 such as PT5S";
    }
    if (boxed == DataSize.class) {
      return "a size: a number and a unit (B, KB, MB, GB, TB) such as 512B or 16KB";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "));
    }
    if (boxed == Boolean.class) {
      return "true or false";
    }
    if (boxed == Short.class) {
      return "a whole number from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE;
    }
    if (boxed == Integer.class) {
      return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
    }
    if (boxed == Long.class) {
      return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
    }
    if (boxed == URI.class) {
      return "a URI such as https://example.com/api";
    }
    return "a value convertible to " + type.getSimpleName();
  }
}
