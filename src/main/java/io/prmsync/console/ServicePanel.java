package io.prmsync.console;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.prmsync.salesforce.ApiUsage;
import io.prmsync.webhook.WebhookInboxStatus;
import java.time.Instant;

/**
 * The overview's panel beside the flows: the Salesforce circuit breaker (as the health endpoint shows it), the org's
 * API budget (as {@code /api/sync/api-usage}) and the webhook inbox's depth (as {@code /api/webhooks/inbox}).
 *
 * @param circuitBreaker CLOSED, OPEN, HALF_OPEN …
 * @param failureRate per cent of the calls in the breaker's window that failed; negative before enough calls
 * @param apiUsed API calls the org has used today, as Salesforce last reported; null before any call
 * @param apiShare the used share of the org's daily limit, 0 to 1
 * @param inboxWaiting webhook events waiting or being synced
 * @param inboxFailed webhook events given up after their last attempt
 * @param oldestWaitingSince when the oldest waiting event arrived; null when none waits
 */
record ServicePanel(
        String circuitBreaker,
        float failureRate,
        Long apiUsed,
        Long apiLimit,
        Double apiShare,
        Instant apiReadAt,
        long inboxWaiting,
        long inboxFailed,
        Instant oldestWaitingSince) {

    static ServicePanel of(CircuitBreaker breaker, ApiUsage apiUsage, WebhookInboxStatus inbox) {
        ApiUsage.Reading reading = apiUsage.latest().orElse(null);
        WebhookInboxStatus.Summary summary = inbox.depth();
        return new ServicePanel(
                breaker.getState().name(),
                breaker.getMetrics().getFailureRate(),
                reading == null ? null : reading.used(),
                reading == null ? null : reading.limit(),
                reading == null ? null : reading.share(),
                reading == null ? null : reading.readAt(),
                summary.waiting(),
                summary.events().getOrDefault("FAILED", 0L),
                summary.oldestWaitingSince());
    }

    /** The breaker lets calls through as usual. */
    public boolean healthy() {
        return "CLOSED".equals(circuitBreaker);
    }
}
