package io.viewercounts.broadcaster.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * An HTML page of the classpath with {@code {{name}}} slots the server fills in: a page that
 * shows data on its first paint, without a template engine for two pages.
 */
final class PageTemplate {

  private static final Pattern SLOT = Pattern.compile("\\{\\{([a-zA-Z]+)}}");

  private final String resource;
  private final String html;

  PageTemplate(String resource) {
    this.resource = resource;
    try (InputStream in = PageTemplate.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("no page template " + resource + " on the classpath");
      }
      this.html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The page with each slot replaced: by its text, HTML-escaped, or for a slot whose name ends in
   * {@code json} or {@code Json} by its JSON, made safe inside a {@code <script>} element.
   *
   * @throws IllegalArgumentException for a slot without a value, so a page never shows "{{...}}"
   */
  String render(Map<String, String> values) {
    Matcher slot = SLOT.matcher(html);
    StringBuilder page = new StringBuilder(html.length() + 256);
    while (slot.find()) {
      String name = slot.group(1);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalArgumentException(resource + " has a slot {{" + name + "}} without value");
      }
      String safe = name.endsWith("json") || name.endsWith("Json") ? scriptSafe(value) : HtmlUtils.htmlEscape(value);
      slot.appendReplacement(page, Matcher.quoteReplacement(safe));
    }
    return slot.appendTail(page).toString();
  }

  /** JSON that cannot end its script element: {@code <}, {@code >} and {@code &} as escapes. */
  private static String scriptSafe(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }
}
