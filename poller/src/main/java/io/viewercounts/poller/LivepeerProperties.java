package io.viewercounts.poller;

import io.viewercounts.poller.livepeer.RetryPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Livepeer Studio ({@code livepeer.*}; defaults in poller.yml).
 *
 * @param apiUrl base URL of the Livepeer Studio API; absolute http(s)
 * @param apiKey the API key, sent as {@code Authorization: Bearer}. A secret: never logged ({@code
 *     toString()} hides it). Empty sends no header (simulators only)
 * @param connectTimeout how long connecting to Livepeer may take
 * @param requestTimeout how long one request may wait for its answer
 * @param retry how requests failed from an outage are tried again within a cycle
 * @param circuit when to stop calling Livepeer while it is down
 */
@Validated
@ConfigurationProperties("livepeer")
public record LivepeerProperties(
    @NotNull URI apiUrl,
    String apiKey,
    @NotNull @DurationMin(millis = 1) Duration connectTimeout,
    @NotNull @DurationMin(millis = 1) Duration requestTimeout,
    @NotNull @Valid Retry retry,
    @NotNull @Valid Circuit circuit) {

  /**
   * Retries of a request that failed with a 5xx, a timeout or a broken connection ({@code
   * livepeer.retry.*}): exponential backoff with full jitter.
   *
   * @param maxAttempts tries per request within one cycle, the first included, for 5xx, timeouts
   *     and broken connections (1: no retry)
   * @param initialBackoff the longest wait before the first retry (full jitter: a random wait up to
   *     this)
   * @param maxBackoff the longest wait before any retry; the bound doubles per retry up to this.
   *     Not shorter than {@code livepeer.retry.initial-backoff}
   */
  public record Retry(
      @Min(1) @Max(10) int maxAttempts,
      @NotNull @DurationMin(millis = 1) Duration initialBackoff,
      @NotNull @DurationMin(millis = 1) Duration maxBackoff) {

    @AssertTrue(message = "must not be shorter than initialBackoff")
    public boolean isMaxBackoffAtLeastInitial() {
      return initialBackoff == null || maxBackoff == null || maxBackoff.compareTo(initialBackoff) >= 0;
    }

    public RetryPolicy policy() {
      return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff);
    }
  }

  /**
   * The circuit breaker in front of Livepeer ({@code livepeer.circuit.*}).
   *
   * @param failureThreshold requests in a row that failed from an outage, retries exhausted, that
   *     open the circuit
   * @param openDuration how long no call is made once the circuit is open; then one trial call
   *     decides
   */
  public record Circuit(
      @Min(1) int failureThreshold, @NotNull @DurationMin(millis = 1) Duration openDuration) {}

  public LivepeerProperties {
    // Keys pasted from files often end with a newline.
    apiKey = apiKey == null ? "" : apiKey.strip();
  }

  @AssertTrue(message = "must be an absolute http:// or https:// URL")
  public boolean isApiUrlHttp() {
    return apiUrl == null
        || (apiUrl.isAbsolute()
            && apiUrl.getHost() != null
            && ("http".equalsIgnoreCase(apiUrl.getScheme())
                || "https".equalsIgnoreCase(apiUrl.getScheme())));
  }

  @Override
  public String toString() {
    return "LivepeerProperties[apiUrl="
        + apiUrl
        + ", apiKey="
        + (apiKey.isEmpty() ? "(none)" : "(hidden)")
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", retry="
        + retry
        + ", circuit="
        + circuit
        + "]";
  }
}
