package io.viewercounts.standalone.deployment;

/** Javadoc text, as the configuration metadata carries it, turned into Markdown. */
final class Javadoc {

  private Javadoc() {}

  /**
   * {@code {@code x}} and {@code {@literal x}} become {@code `x`}, {@code {@link X label}} the label
   * (or X); braces inside the tag may nest ({@code {@code /streams/{id}}}). Pipes are escaped, since
   * the text goes into a table cell.
   */
  static String toMarkdown(String javadoc) {
    StringBuilder markdown = new StringBuilder();
    int at = 0;
    while (at < javadoc.length()) {
      int tag = javadoc.indexOf("{@", at);
      if (tag < 0) {
        markdown.append(javadoc, at, javadoc.length());
        break;
      }
      markdown.append(javadoc, at, tag);
      int end = closingBrace(javadoc, tag);
      String inside = javadoc.substring(tag + 2, end);
      int space = inside.indexOf(' ');
      String name = space < 0 ? inside : inside.substring(0, space);
      String text = space < 0 ? "" : inside.substring(space + 1).strip();
      markdown.append(
          switch (name) {
            case "code", "literal" -> "`" + text + "`";
            case "link", "linkplain" -> {
              int label = text.indexOf(' ');
              yield label < 0 ? text.replace('#', '.') : text.substring(label + 1);
            }
            default -> throw new IllegalArgumentException("unknown javadoc tag {@" + name + "} in " + javadoc);
          });
      at = end + 1;
    }
    return markdown.toString().replace("|", "\\|");
  }

  private static int closingBrace(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      if (text.charAt(i) == '{') {
        depth++;
      } else if (text.charAt(i) == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unclosed {@ in " + text);
  }
}
