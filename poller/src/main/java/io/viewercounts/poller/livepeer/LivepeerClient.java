package io.viewercounts.poller.livepeer;

import io.viewercounts.poller.livepeer.LivepeerException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the two Livepeer Studio endpoints the poller needs and returns their answers checked.
 *
 * <p>Every failure is a {@link LivepeerException} whose kind tells what happened. Each HTTP request
 * (each page) goes through a {@link CircuitBreaker} and, when it fails from an outage, is tried
 * again per a {@link RetryPolicy}; a 429 is not retried here: its Retry-After travels in the
 * exception to the poll loop, which waits that long before the next cycle. The API key is sent only
 * as {@code Authorization: Bearer}, only to the configured origin, and never appears in a message.
 * Thread-safe.
 */
public final class LivepeerClient {

  static final String STREAMS = "GET /stream";
  static final String VIEWS_NOW = "GET /data/views/now";

  // A Link chain longer than this is a loop or a broken server, not an account's streams.
  private static final int MAX_PAGES = 1_000;
  private static final int MAX_MESSAGE_LENGTH = 300;
  private static final String REDACTED = "[redacted]";

  private static final Logger log = LoggerFactory.getLogger(LivepeerClient.class);

  private final HttpClient http;
  private final URI apiUrl;
  private final URI streamsUri;
  private final URI viewsNowUri;
  private final String apiKey;
  private final Duration requestTimeout;
  private final Clock clock;
  private final RetryPolicy retry;
  private final CircuitBreaker circuit;
  private final Consumer<Kind> onRetry;

  /**
   * A client that tries each request once, without a circuit; see {@link #withResilience}.
   *
   * @param apiUrl absolute http(s) base URL, e.g. {@code https://livepeer.studio/api}
   * @param apiKey the Livepeer API key; empty sends no Authorization header (simulators)
   */
  public static LivepeerClient create(
      URI apiUrl, String apiKey, Duration connectTimeout, Duration requestTimeout) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            // A redirect could carry the key to another host; Livepeer's API does not redirect.
            .followRedirects(HttpClient.Redirect.NEVER)
            // Two small requests per cycle need no HTTP/2, whose cleartext upgrade some
            // simulators and proxies mishandle.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    return new LivepeerClient(
        http,
        apiUrl,
        apiKey,
        requestTimeout,
        Clock.systemUTC(),
        RetryPolicy.ONCE,
        CircuitBreaker.neverOpens(),
        kind -> {});
  }

  private LivepeerClient(
      HttpClient http,
      URI apiUrl,
      String apiKey,
      Duration requestTimeout,
      Clock clock,
      RetryPolicy retry,
      CircuitBreaker circuit,
      Consumer<Kind> onRetry) {
    this.http = Objects.requireNonNull(http, "http");
    this.apiUrl = requireHttpUrl(apiUrl);
    this.apiKey = requireHeaderSafe(apiKey);
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.circuit = Objects.requireNonNull(circuit, "circuit");
    this.onRetry = Objects.requireNonNull(onRetry, "onRetry");
    String base = apiUrl.toString().replaceAll("/+$", "");
    this.streamsUri = URI.create(base + "/stream?streamsonly=1");
    // breakdownBy[]=playbackId, with the brackets percent-encoded as URIs require.
    this.viewsNowUri = URI.create(base + "/data/views/now?breakdownBy%5B%5D=playbackId");
  }

  /**
   * This client (same HTTP client, URL and key) with retries and a circuit.
   *
   * @param onRetry told the kind of failure before each retry, e.g. to count it
   */
  public LivepeerClient withResilience(
      RetryPolicy retry, CircuitBreaker circuit, Consumer<Kind> onRetry) {
    return new LivepeerClient(
        http, apiUrl, apiKey, requestTimeout, clock, retry, circuit, onRetry);
  }

  /** Where this client's circuit stands. */
  public CircuitBreaker.State circuitState() {
    return circuit.state();
  }

  /** All streams of the account ({@code GET /stream?streamsonly=1}, every page). */
  public List<LivepeerStream> streams() throws InterruptedException {
    return fetch(STREAMS, streamsUri, LivepeerAnswers.STREAMS);
  }

  /** Current viewers per playback id ({@code GET /data/views/now?breakdownBy[]=playbackId}). */
  public List<PlaybackViews> viewsNow() throws InterruptedException {
    return fetch(VIEWS_NOW, viewsNowUri, LivepeerAnswers.VIEWS);
  }

  @Override
  public String toString() {
    return "LivepeerClient[" + apiUrl + ", key " + (apiKey.isEmpty() ? "none" : "set") + "]";
  }

  private <T> List<T> fetch(String call, URI first, LivepeerAnswers.Reader<T> answer)
      throws InterruptedException {
    List<T> elements = new ArrayList<>();
    Set<URI> pages = new HashSet<>();
    Optional<URI> next = Optional.of(first);
    while (next.isPresent()) {
      URI page = next.get();
      if (!pages.add(page) || pages.size() > MAX_PAGES) {
        throw failure(
            Kind.MALFORMED, call + " pagination loops or exceeds " + MAX_PAGES + " pages");
      }
      HttpResponse<byte[]> response = send(call, page);
      try {
        elements.addAll(answer.page(response.body(), elements.size()));
        next = LinkHeader.next(response.headers().allValues("Link"), page);
      } catch (IllegalArgumentException e) {
        throw failure(Kind.MALFORMED, call + " refused: " + e.getMessage());
      }
      if (next.isPresent() && !sameOrigin(next.get(), apiUrl)) {
        // Following it would send the API key to someone else.
        throw failure(
            Kind.MALFORMED, call + " refused: Link rel=\"next\" leaves " + origin(apiUrl));
      }
    }
    try {
      answer.checkWhole(elements);
    } catch (IllegalArgumentException e) {
      throw failure(Kind.MALFORMED, call + " refused: " + e.getMessage());
    }
    return elements;
  }

  /**
   * One request through the circuit, retried while it fails from an outage and attempts remain.
   * Every other answer, 429 and 4xx included, tells the circuit Livepeer is reachable.
   */
  private HttpResponse<byte[]> send(String call, URI uri) throws InterruptedException {
    int attempts = circuit.permit(call) ? retry.maxAttempts() : 1;
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<byte[]> response = sendOnce(call, uri);
        circuit.recordAnswer();
        return response;
      } catch (LivepeerException e) {
        if (!e.outage()) {
          circuit.recordAnswer();
          throw e;
        }
        if (attempt >= attempts) {
          circuit.recordOutage(e);
          throw e;
        }
        Duration backoff = retry.backoff(attempt);
        log.debug(
            "Try {} of {} failed ({}), retrying in {} ms: {}",
            attempt,
            attempts,
            e.kind().tag(),
            backoff.toMillis(),
            e.getMessage());
        onRetry.accept(e.kind());
        TimeUnit.NANOSECONDS.sleep(backoff.toNanos());
      }
    }
  }

  private HttpResponse<byte[]> sendOnce(String call, URI uri) throws InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json");
    if (!apiKey.isEmpty()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.GET().build(), BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException e) {
      throw failure(Kind.TIMEOUT, call + " could not connect within the connect timeout", e);
    } catch (HttpTimeoutException e) {
      throw failure(Kind.TIMEOUT, call + " got no answer within " + requestTimeout, e);
    } catch (IOException e) {
      throw failure(Kind.CONNECTION, call + " failed: " + describe(e), e);
    }
    int status = response.statusCode();
    if (status == 429) {
      Duration retryAfter = retryAfter(response.headers());
      throw new LivepeerException(
          Kind.RATE_LIMITED,
          clean(
              call
                  + " was rate limited (HTTP 429"
                  + (retryAfter == null ? "" : ", retry after " + retryAfter)
                  + ")"),
          retryAfter,
          null);
    }
    if (status < 200 || status > 299) {
      throw failure(
          status >= 500 && status <= 599 ? Kind.SERVER_ERROR : Kind.HTTP_STATUS,
          call + " answered HTTP " + status + ": " + bodyText(response.body()));
    }
    return response;
  }

  /** Retry-After as delay-seconds or an HTTP date (RFC 9110), null if absent or unreadable. */
  private Duration retryAfter(HttpHeaders headers) {
    Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
    if (value.isEmpty()) {
      return null;
    }
    try {
      if (value.get().matches("\\d{1,9}")) {
        return Duration.ofSeconds(Long.parseLong(value.get()));
      }
      ZonedDateTime at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private LivepeerException failure(Kind kind, String message) {
    return failure(kind, message, null);
  }

  private LivepeerException failure(Kind kind, String message, Throwable cause) {
    return new LivepeerException(kind, clean(message), null, cause);
  }

  /**
   * One printable line, short, with the API key blanked should the server have echoed it. The key
   * is blanked before shortening, so no piece of it can survive at the cut.
   */
  private String clean(String message) {
    String line = message.replaceAll("\\p{Cntrl}+", " ");
    if (!apiKey.isEmpty()) {
      line = line.replace(apiKey, REDACTED);
    }
    return line.length() <= MAX_MESSAGE_LENGTH
        ? line
        : line.substring(0, MAX_MESSAGE_LENGTH) + "...";
  }

  /** The body as text; {@link #clean} shortens it only after blanking the key. */
  private static String bodyText(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "(empty body)" : text;
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static boolean sameOrigin(URI a, URI b) {
    return origin(a).equals(origin(b));
  }

  private static String origin(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    return scheme + "://" + host + ":" + port;
  }

  private static URI requireHttpUrl(URI apiUrl) {
    Objects.requireNonNull(apiUrl, "apiUrl");
    String scheme = apiUrl.getScheme();
    if (!apiUrl.isAbsolute()
        || apiUrl.getHost() == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException("Livepeer API URL must be absolute http(s): " + apiUrl);
    }
    return apiUrl;
  }

  private static String requireHeaderSafe(String apiKey) {
    Objects.requireNonNull(apiKey, "apiKey");
    if (!apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      // The value itself is a secret: say what is wrong, never what it is.
      throw new IllegalArgumentException(
          "Livepeer API key contains spaces or characters not allowed in an HTTP header");
    }
    return apiKey;
  }
}
