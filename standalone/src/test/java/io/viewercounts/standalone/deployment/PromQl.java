package io.viewercounts.standalone.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series selectors of a PromQL expression, as far as a check of metric names needs: each
 * metric name with its label matchers. Not a parser of the whole language: enough for the
 * expressions of our alert rules and dashboard, and it fails loudly on what it cannot read.
 */
final class PromQl {

  /** A metric name and the label matchers written beside it; {@code op} is =, !=, =~ or !~. */
  record Selector(String metric, List<Matcher> matchers) {

    record Matcher(String label, String op, String value) {}
  }

  /** Keywords followed by a list of label names in parentheses. */
  private static final Set<String> GROUPING =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  /** Aggregations, whose parentheses may follow a grouping: sum by (instance) (x). */
  private static final Set<String> AGGREGATIONS =
      Set.of(
          "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values",
          "bottomk", "topk", "quantile", "limitk", "limit_ratio");

  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

  private static final Pattern NUMBER = Pattern.compile("[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?");

  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern MATCHER =
      Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

  private PromQl() {}

  static List<Selector> selectors(String expression) {
    List<Selector> selectors = new ArrayList<>();
    String text = expression;
    int at = 0;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '"' || c == '\'') {
        at = text.indexOf(c, at + 1) + 1;
        if (at == 0) {
          throw new IllegalArgumentException("unclosed string in " + expression);
        }
      } else if (c == '[') {
        at = text.indexOf(']', at) + 1; // a range or subquery: [5m], [$__rate_interval]
      } else if (c == '{') {
        throw new IllegalArgumentException("label matchers without a metric name in " + expression);
      } else if (Character.isDigit(c) || c == '.') {
        Matcher number = NUMBER.matcher(text).region(at, text.length());
        at = number.lookingAt() ? number.end() : at + 1;
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        Matcher identifier = IDENTIFIER.matcher(text).region(at, text.length());
        identifier.lookingAt();
        String name = identifier.group();
        int next = skipSpaces(text, identifier.end());
        if (GROUPING.contains(name) && next < text.length() && text.charAt(next) == '(') {
          at = text.indexOf(')', next) + 1; // label names, not metrics
        } else if (next < text.length() && text.charAt(next) == '(') {
          at = next; // a function or aggregation
        } else if (KEYWORDS.contains(name.toLowerCase()) || AGGREGATIONS.contains(name)) {
          at = identifier.end();
        } else if (next < text.length() && text.charAt(next) == '{') {
          int close = closingBrace(text, next, expression);
          selectors.add(new Selector(name, matchers(text.substring(next + 1, close), expression)));
          at = close + 1;
        } else {
          selectors.add(new Selector(name, List.of()));
          at = identifier.end();
        }
      } else if (c == '$') {
        throw new IllegalArgumentException("a variable outside a range in " + expression);
      } else {
        at++;
      }
    }
    return selectors;
  }

  private static List<Selector.Matcher> matchers(String inside, String expression) {
    List<Selector.Matcher> matchers = new ArrayList<>();
    Matcher matcher = MATCHER.matcher(inside);
    int at = 0;
    while (at < inside.length()) {
      if (!matcher.region(at, inside.length()).lookingAt()) {
        throw new IllegalArgumentException("cannot read label matchers {" + inside + "} in " + expression);
      }
      matchers.add(new Selector.Matcher(matcher.group(1), matcher.group(2), matcher.group(3)));
      at = matcher.end();
    }
    return matchers;
  }

  private static int closingBrace(String text, int open, String expression) {
    boolean quoted = false;
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '}' && !quoted) {
        return i;
      }
    }
    throw new IllegalArgumentException("unclosed { in " + expression);
  }

  private static int skipSpaces(String text, int at) {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    return at;
  }
}
