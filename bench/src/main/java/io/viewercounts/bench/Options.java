package io.viewercounts.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's command line: {@code --name value} pairs, checked against the names the
 * benchmark knows, so a misspelt one is refused instead of silently running with a default.
 */
public final class Options {

  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = values;
  }

  public static Options parse(String... args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "options come as --name value pairs; cannot read '" + args[i] + "'");
      }
      values.put(args[i].substring(2), args[++i]);
    }
    return new Options(values);
  }

  /** The same options with {@code defaults} under them: given values win. */
  public Options withDefaults(Map<String, String> defaults) {
    Map<String, String> merged = new LinkedHashMap<>(defaults);
    merged.putAll(values);
    return new Options(merged);
  }

  public String text(String name, String otherwise) {
    return values.getOrDefault(name, otherwise);
  }

  /** A comma-separated option's items (none when it is given blank), or {@code otherwise}. */
  public List<String> list(String name, List<String> otherwise) {
    String value = values.get(name);
    if (value == null) {
      return otherwise;
    }
    return value.isBlank() ? List.of() : List.of(value.split(","));
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** A whole number of at least {@code min}. */
  public int number(String name, int otherwise, int min) {
    String text = text(name, null);
    if (text == null) {
      return otherwise;
    }
    try {
      int value = Integer.parseInt(text.replace("_", ""));
      if (value < min) {
        throw new IllegalArgumentException(
            "--" + name + " must be at least " + min + ", was " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + name + " must be a whole number, was '" + text + "'");
    }
  }

  /** A duration such as {@code 500ms}, {@code 5s} or {@code 2m}. */
  public Duration duration(String name, Duration otherwise) {
    String text = text(name, null);
    if (text == null) {
      return otherwise;
    }
    var matcher = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)").matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "--" + name + " must be like 500ms, 5s or 2m, was '" + text + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
  }

  /** Fails on any given option not in {@code known}. */
  public void requireKnown(Set<String> known) {
    Set<String> unknown = new LinkedHashSet<>(values.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", unknown)
          + " (the usage is in BENCHMARKS.md)");
    }
  }
}
