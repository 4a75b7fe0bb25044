package io.viewercounts.poller;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the poller runs ({@code poller.*}; defaults in poller.yml).
 *
 * @param enabled whether to poll at all; when false nothing polls, and Flyway still migrates the
 *     schema
 * @param interval the wait between the end of one cycle and the start of the next; a standby tries
 *     to take the lock this often
 * @param writeTimeout how long the database may take to write one cycle's changes
 * @param lockId the PostgreSQL advisory lock key that elects the one active poller; every poller of
 *     one database must use the same
 * @param emptyListConfirmations empty stream lists in a row needed before an empty list is believed
 *     when the previous one had streams (1 believes it at once)
 * @param unlistedStreamConfirmations complete, believed stream lists in a row a live stream must be
 *     missing from before the poller ends it (a stream deleted in Livepeer); a failed, cut short or
 *     suspect empty list never counts (1 ends it at once)
 */
@Validated
@ConfigurationProperties("poller")
public record PollerProperties(
    // True even without poller.yml, as the poll loop's condition is.
    @DefaultValue("true") boolean enabled,
    @NotNull @DurationMin(millis = 1) Duration interval,
    @NotNull @DurationMin(millis = 1) Duration writeTimeout,
    long lockId,
    @Min(1) @Max(1000) int emptyListConfirmations,
    @Min(1) @Max(1000) int unlistedStreamConfirmations) {}
