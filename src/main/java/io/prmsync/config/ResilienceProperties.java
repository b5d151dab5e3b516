package io.prmsync.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the service protects Salesforce and itself, under {@code prm-sync.resilience}. The retry settings are read
 * by the routes' error handling ({@code routes/sync-failures.camel.yaml}); the circuit breaker is Resilience4j's,
 * shared by every Salesforce call of every route.
 *
 * @param retry how often and how patiently a transient failure is retried
 * @param circuitBreaker when to stop calling an org that keeps failing, and when to try again
 * @param budget how much of the org's daily API allocation the service may use
 * @param throttlePause how long a flow stays paused after Salesforce answered {@code REQUEST_LIMIT_EXCEEDED}
 */
@Validated
@ConfigurationProperties("prm-sync.resilience")
public record ResilienceProperties(
        @DefaultValue Retry retry,
        @DefaultValue CircuitBreaker circuitBreaker,
        @DefaultValue Budget budget,
        @DefaultValue("PT15M") Duration throttlePause) {

    /**
     * Retries of transient failures, by the routes' error handler: exponential backoff with jitter.
     *
     * @param maxRetries retries after the first attempt
     * @param initialDelayMs delay before the first retry; doubled for each next one
     * @param maxDelayMs the longest delay between two tries
     */
    public record Retry(
            @DefaultValue("5") @Min(0) int maxRetries,
            @DefaultValue("500") @Min(0) long initialDelayMs,
            @DefaultValue("30000") @Min(0) long maxDelayMs) {}

    /**
     * @param failureRateThreshold percentage of failed calls (of the last {@code slidingWindowSize}) that opens it
     * @param minimumNumberOfCalls calls needed before the rate counts
     * @param waitInOpenState how long it stays open before letting a few trial calls through
     * @param permittedCallsInHalfOpenState the trial calls that decide whether it closes again
     */
    public record CircuitBreaker(
            @DefaultValue("50") @DecimalMin("1") @DecimalMax("100")
            float failureRateThreshold,

            @DefaultValue("20") @Min(1) int slidingWindowSize,
            @DefaultValue("10") @Min(1) int minimumNumberOfCalls,
            @DefaultValue("PT30S") Duration waitInOpenState,
            @DefaultValue("2") @Min(1) int permittedCallsInHalfOpenState) {}

    /**
     * @param backgroundShare above this share of the daily allocation, scheduled runs wait
     * @param ceiling above this share, every run waits, webhook-driven and on-demand ones too
     */
    public record Budget(
            @DefaultValue("0.80") @DecimalMin("0") @DecimalMax("1")
            double backgroundShare,

            @DefaultValue("0.95") @DecimalMin("0") @DecimalMax("1")
            double ceiling) {}
}
