package io.viewercounts.standalone.deployment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An nginx configuration file as a tree of directives, with the two rules the checks need: which
 * {@code location} nginx picks for a URI, and which value of a directive applies in a block (its
 * own, else the nearest enclosing block's: nginx inherits a directive only into blocks that set
 * none of it).
 */
final class NginxConfig {

  /** One directive: its name, arguments and, for a block, the directives inside. */
  static final class Directive {
    private final String name;
    private final List<String> args;
    private final List<Directive> children = new ArrayList<>();
    private final Directive parent;

    private Directive(String name, List<String> args, Directive parent) {
      this.name = name;
      this.args = args;
      this.parent = parent;
    }

    String name() {
      return name;
    }

    List<String> args() {
      return args;
    }

    /** The directives named so, directly inside this block. */
    List<Directive> all(String directive) {
      return children.stream().filter(child -> child.name.equals(directive)).toList();
    }

    /** The directives named so anywhere inside this block. */
    List<Directive> everywhere(String directive) {
      List<Directive> found = new ArrayList<>(all(directive));
      children.forEach(child -> found.addAll(child.everywhere(directive)));
      return found;
    }

    Optional<Directive> first(String directive) {
      return children.stream().filter(child -> child.name.equals(directive)).findFirst();
    }

    /** The directives that apply here: this block's own, else the nearest enclosing block's. */
    List<Directive> effective(String directive) {
      for (Directive block = this; block != null; block = block.parent) {
        List<Directive> own = block.all(directive);
        if (!own.isEmpty()) {
          return own;
        }
      }
      return List.of();
    }

    /** The value of a single-valued directive as it applies here, e.g. proxy_read_timeout. */
    Optional<String> effectiveValue(String directive) {
      List<Directive> effective = effective(directive);
      return effective.isEmpty()
          ? Optional.empty()
          : Optional.of(String.join(" ", effective.get(effective.size() - 1).args));
    }

    /** The header a proxy_set_header applying here sends, e.g. Upgrade -> $http_upgrade. */
    Optional<String> proxyHeader(String header) {
      return effective("proxy_set_header").stream()
          .filter(set -> set.args.get(0).equalsIgnoreCase(header))
          .map(set -> set.args.size() > 1 ? set.args.get(1) : "")
          .findFirst();
    }

    @Override
    public String toString() {
      return name + " " + String.join(" ", args);
    }
  }

  private final Directive root;

  private NginxConfig(Directive root) {
    this.root = root;
  }

  static NginxConfig parse(String text) {
    Directive root = new Directive("", List.of(), null);
    Directive block = root;
    List<String> words = new ArrayList<>();
    for (String token : tokens(text)) {
      switch (token) {
        case ";" -> {
          requireWords(words, token);
          block.children.add(
              new Directive(words.get(0), List.copyOf(words.subList(1, words.size())), block));
          words.clear();
        }
        case "{" -> {
          requireWords(words, token);
          Directive opened =
              new Directive(words.get(0), List.copyOf(words.subList(1, words.size())), block);
          block.children.add(opened);
          block = opened;
          words.clear();
        }
        case "}" -> {
          if (!words.isEmpty() || block.parent == null) {
            throw new IllegalArgumentException("unexpected } after " + words);
          }
          block = block.parent;
        }
        default -> words.add(token.startsWith("\u0000") ? token.substring(1) : token);
      }
    }
    if (block != root || !words.isEmpty()) {
      throw new IllegalArgumentException("unterminated block or directive: " + block + " " + words);
    }
    return new NginxConfig(root);
  }

  Directive root() {
    return root;
  }

  /** The http block's upstream of that name. */
  Optional<Directive> upstream(String name) {
    return root.everywhere("upstream").stream()
        .filter(u -> u.args.equals(List.of(name)))
        .findFirst();
  }

  /**
   * The location of the (only) server block that nginx uses for a URI: an exact match, else the
   * longest prefix if it is {@code ^~}, else the first matching regex, else the longest prefix.
   */
  Optional<Directive> locationFor(String uri) {
    // Server blocks of http; an upstream's "server" lines are something else.
    List<Directive> servers =
        root.all("http").stream().flatMap(http -> http.all("server").stream()).toList();
    if (servers.size() != 1) {
      throw new IllegalStateException("expected one server block, found " + servers.size());
    }
    List<Directive> locations = servers.get(0).all("location");
    Optional<Directive> exact =
        locations.stream()
            .filter(
                l -> l.args.size() == 2 && l.args.get(0).equals("=") && l.args.get(1).equals(uri))
            .findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    Optional<Directive> longestPrefix =
        locations.stream()
            .filter(l -> isPrefix(l) && uri.startsWith(prefixOf(l)))
            .max(Comparator.comparingInt(l -> prefixOf(l).length()));
    if (longestPrefix.isPresent() && longestPrefix.get().args.get(0).equals("^~")) {
      return longestPrefix;
    }
    Optional<Directive> regex =
        locations.stream()
            .filter(
                l ->
                    l.args.size() == 2 && (l.args.get(0).equals("~") || l.args.get(0).equals("~*")))
            .filter(
                l ->
                    Pattern.compile(
                            l.args.get(1),
                            l.args.get(0).equals("~*") ? Pattern.CASE_INSENSITIVE : 0)
                        .matcher(uri)
                        .find())
            .findFirst();
    return regex.isPresent() ? regex : longestPrefix;
  }

  private static boolean isPrefix(Directive location) {
    return location.args.size() == 1
        || (location.args.size() == 2 && location.args.get(0).equals("^~"));
  }

  private static String prefixOf(Directive location) {
    return location.args.get(location.args.size() - 1);
  }

  private static void requireWords(List<String> words, String token) {
    if (words.isEmpty()) {
      throw new IllegalArgumentException("'" + token + "' without a directive name");
    }
  }

  /**
   * Words, quoted strings (unquoted, marked with a leading NUL so that a quoted ";" stays a word)
   * and the punctuation ; { }. Comments run from # to the end of the line.
   */
  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == ';' || c == '{' || c == '}') {
        tokens.add(String.valueOf(c));
        i++;
      } else if (c == '"' || c == '\'') {
        StringBuilder quoted = new StringBuilder("\u0000");
        i++;
        while (i < text.length() && text.charAt(i) != c) {
          if (text.charAt(i) == '\\' && i + 1 < text.length()) {
            i++;
          }
          quoted.append(text.charAt(i++));
        }
        if (i >= text.length()) {
          throw new IllegalArgumentException("unterminated quoted string");
        }
        i++;
        tokens.add(quoted.toString());
      } else {
        int start = i;
        while (i < text.length()
            && !Character.isWhitespace(text.charAt(i))
            && ";{}".indexOf(text.charAt(i)) < 0) {
          i++;
        }
        tokens.add(text.substring(start, i));
      }
    }
    return tokens;
  }
}
