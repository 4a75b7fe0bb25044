package io.viewercounts.poller;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Livepeer Studio ({@code livepeer.*}; defaults in poller.yml).
 *
 * @param apiUrl base URL of the API, absolute http(s) ({@code LIVEPEER_API_URL})
 * @param apiKey the API key, sent as a Bearer token; empty sends none, for simulators ({@code
 *     LIVEPEER_API_KEY}). Never logged: {@link #toString()} hides it.
 * @param connectTimeout how long connecting may take
 * @param requestTimeout how long one request may wait for its answer
 */
@Validated
@ConfigurationProperties("livepeer")
public record LivepeerProperties(
    @NotNull URI apiUrl,
    String apiKey,
    @NotNull @DurationMin(millis = 1) Duration connectTimeout,
    @NotNull @DurationMin(millis = 1) Duration requestTimeout) {

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
        + "]";
  }
}
