package io.viewercounts.standalone.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml as Compose reads it: services with their image, command, replicas,
 * environment, health check and dependencies (YAML anchors and merge keys resolved by SnakeYAML),
 * and Compose's variable interpolation ({@code ${NAME:-default}} and friends).
 */
final class ComposeFile {

  static final String FILE = "docker-compose.yml";

  // $$ is a literal dollar; ${NAME...} or $NAME a variable.
  private static final Pattern VARIABLE =
      Pattern.compile(
          "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  private final Map<String, Object> model;
  private final String text;

  private ComposeFile(Map<String, Object> model, String text) {
    this.model = model;
    this.text = text;
  }

  static ComposeFile load() {
    return new ComposeFile(Repository.yaml(FILE).get(0), Repository.read(FILE));
  }

  Set<String> serviceNames() {
    return map(model.get("services"), "services").keySet();
  }

  Service service(String name) {
    Object service = map(model.get("services"), "services").get(name);
    if (service == null) {
      throw new AssertionError(FILE + " has no service " + name + "; it has " + serviceNames());
    }
    return new Service(name, map(service, name));
  }

  /** The services whose containers run one of our apps, by the app they run. */
  Map<String, Service> appServices() {
    Map<String, Service> apps = new LinkedHashMap<>();
    for (String name : serviceNames()) {
      Service service = service(name);
      List<String> command = service.command();
      if (!command.isEmpty() && AppConfiguration.APPS.contains(command.get(0))) {
        apps.put(command.get(0), service);
      }
    }
    return apps;
  }

  /** The named volumes declared at the top level. */
  Set<String> volumes() {
    Object volumes = model.get("volumes");
    return volumes == null ? Set.of() : map(volumes, "volumes").keySet();
  }

  /** Every variable the file interpolates, e.g. LIVEPEER_API_KEY from ${LIVEPEER_API_KEY:?...}. */
  Set<String> variables() {
    Set<String> names = new TreeSet<>();
    Matcher matcher = VARIABLE.matcher(text);
    while (matcher.find()) {
      String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(4);
      if (name != null) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * A value with its variables replaced as Compose does: {@code ${X}}, {@code ${X:-default}}
   * (default when unset or empty), {@code ${X-default}} (when unset), {@code ${X:?message}} (error
   * when unset or empty), {@code ${X:+other}}, {@code $$} for a dollar sign.
   *
   * @throws IllegalArgumentException for a required variable that is missing, with its message
   */
  static String interpolate(String value, Map<String, String> variables) {
    Matcher matcher = VARIABLE.matcher(value);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(result, Matcher.quoteReplacement(substitute(matcher, variables)));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private static String substitute(Matcher matcher, Map<String, String> variables) {
    if (matcher.group().equals("$$")) {
      return "$";
    }
    String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(4);
    String operator = matcher.group(2);
    String argument = matcher.group(3);
    String current = variables.get(name);
    boolean unset = current == null;
    boolean unsetOrEmpty = unset || current.isEmpty();
    if (operator == null) {
      return unset ? "" : current;
    }
    return switch (operator) {
      case ":-" -> unsetOrEmpty ? argument : current;
      case "-" -> unset ? argument : current;
      case ":?", "?" -> {
        if (operator.equals(":?") ? unsetOrEmpty : unset) {
          throw new IllegalArgumentException("required variable " + name + ": " + argument);
        }
        yield current;
      }
      case ":+" -> unsetOrEmpty ? "" : argument;
      case "+" -> unset ? "" : argument;
      default -> throw new IllegalStateException(operator);
    };
  }

  /** One service of the file. */
  record Service(String name, Map<String, Object> definition) {

    String image() {
      return (String) definition.get("image");
    }

    List<String> command() {
      return strings(definition.get("command"));
    }

    int replicas() {
      Object deploy = definition.get("deploy");
      if (deploy == null) {
        return 1;
      }
      Object replicas = map(deploy, name + ".deploy").get("replicas");
      return replicas == null ? 1 : ((Number) replicas).intValue();
    }

    /** The environment as written, variables not interpolated; list or map form. */
    Map<String, String> environment() {
      Object environment = definition.get("environment");
      Map<String, String> variables = new LinkedHashMap<>();
      if (environment instanceof Map<?, ?> map) {
        map.forEach(
            (key, value) -> variables.put(key.toString(), value == null ? "" : value.toString()));
      } else if (environment instanceof List<?> list) {
        for (Object entry : list) {
          String[] pair = entry.toString().split("=", 2);
          variables.put(pair[0], pair.length == 2 ? pair[1] : "");
        }
      }
      return variables;
    }

    /** The environment with the variables interpolated from {@code variables}. */
    Map<String, String> environment(Map<String, String> variables) {
      Map<String, String> interpolated = new LinkedHashMap<>();
      environment().forEach((key, value) -> interpolated.put(key, interpolate(value, variables)));
      return interpolated;
    }

    /** The health check's command, CMD or CMD-SHELL first as Compose writes it. */
    List<String> healthcheck() {
      Object healthcheck = definition.get("healthcheck");
      if (healthcheck == null) {
        return List.of();
      }
      Object test = map(healthcheck, name + ".healthcheck").get("test");
      return test instanceof String shell ? List.of("CMD-SHELL", shell) : strings(test);
    }

    /** The services this one waits for, with the condition (service_started when none given). */
    Map<String, String> dependsOn() {
      Object dependsOn = definition.get("depends_on");
      Map<String, String> conditions = new LinkedHashMap<>();
      if (dependsOn instanceof List<?> list) {
        list.forEach(service -> conditions.put(service.toString(), "service_started"));
      } else if (dependsOn instanceof Map<?, ?> map) {
        map.forEach(
            (service, options) -> {
              Object condition =
                  options == null ? null : map(options, "depends_on").get("condition");
              conditions.put(
                  service.toString(), condition == null ? "service_started" : condition.toString());
            });
      }
      return conditions;
    }

    /** Published ports in short syntax, e.g. "${PORT:-8080}:80". */
    List<String> ports() {
      return strings(definition.get("ports"));
    }

    /** Volumes in short syntax, e.g. "postgres-data:/var/lib/postgresql/data". */
    List<String> volumes() {
      return strings(definition.get("volumes"));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String what) {
    if (!(value instanceof Map)) {
      throw new AssertionError(what + " in " + FILE + " is not a mapping: " + value);
    }
    return (Map<String, Object>) value;
  }

  private static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof String string) {
      return List.of(string.trim().split("\\s+"));
    }
    List<String> strings = new ArrayList<>();
    for (Object element : (List<?>) value) {
      strings.add(element.toString());
    }
    return strings;
  }
}
