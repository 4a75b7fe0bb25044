package io.viewercounts.poller.livepeer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code rel="next"} target of RFC 8288 {@code Link} headers, as Livepeer paginates. */
final class LinkHeader {

  // One link-value: <target> followed by its ;-separated parameters. Targets containing '>' and
  // parameters containing ',' or '<' in quotes are not supported (Livepeer sends neither).
  private static final Pattern LINK_VALUE = Pattern.compile("<([^>]*)>([^,<]*)");
  private static final Pattern REL =
      Pattern.compile("(?i);\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,\"]+))");

  private LinkHeader() {}

  /**
   * The next page's URI, resolved against the page it was read from; empty on the last page.
   *
   * @throws IllegalArgumentException when the next target is not a valid URI reference
   */
  static Optional<URI> next(List<String> headerValues, URI page) {
    for (String header : headerValues) {
      Matcher link = LINK_VALUE.matcher(header);
      while (link.find()) {
        if (hasRelNext(link.group(2))) {
          return Optional.of(resolve(page, link.group(1).strip()));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean hasRelNext(String parameters) {
    Matcher rel = REL.matcher(parameters);
    while (rel.find()) {
      String relations = rel.group(1) != null ? rel.group(1) : rel.group(2);
      for (String relation : relations.strip().split("\\s+")) {
        if (relation.toLowerCase(Locale.ROOT).equals("next")) {
          return true;
        }
      }
    }
    return false;
  }

  private static URI resolve(URI page, String target) {
    try {
      if (target.startsWith("?")) {
        // A query-only reference keeps the page's path (RFC 3986 5.2.2); java.net.URI follows
        // RFC 2396 here and would drop the path's last segment.
        String path =
            page.getRawPath() == null || page.getRawPath().isEmpty() ? "/" : page.getRawPath();
        return new URI(page.getScheme() + "://" + page.getRawAuthority() + path + target);
      }
      return page.resolve(new URI(target));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Link rel=\"next\" is not a valid URI: " + e.getMessage());
    }
  }
}
