package io.prmsync.webhook;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.prmsync.metrics.MetricsProperties;
import io.prmsync.metrics.RefreshingReading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The webhook inbox as gauges: events by status, and how long the oldest event still to apply has waited. */
@Component
class WebhookInboxGauges implements MeterBinder {

    static final String EVENTS = "prm_sync.webhook.inbox.events";
    static final String OLDEST_WAITING = "prm_sync.webhook.inbox.oldest_waiting.age";
    private static final List<String> STATUSES = List.of("PENDING", "PROCESSING", "DONE", "FAILED");

    private final RefreshingReading<Map<String, Long>> counts;
    private final RefreshingReading<Optional<Instant>> oldest;
    private final Clock clock;

    WebhookInboxGauges(WebhookInboxRepository inbox, MetricsProperties properties, Clock clock) {
        this.clock = clock;
        this.counts = properties.reading(inbox::countByStatus, clock);
        this.oldest = properties.reading(inbox::oldestPending, clock);
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        for (String status : STATUSES) {
            Gauge.builder(EVENTS, () -> counts.get().getOrDefault(status, 0L))
                    .description("Webhook events in the inbox, by status")
                    .tag("status", status.toLowerCase(Locale.ROOT))
                    .register(meters);
        }
        Gauge.builder(OLDEST_WAITING, this::oldestWaitingSeconds)
                .description("How long the oldest event not yet applied has waited (0 when none waits)")
                .baseUnit("seconds")
                .register(meters);
    }

    private double oldestWaitingSeconds() {
        return oldest.get()
                .map(received ->
                        Math.max(0, Duration.between(received, clock.instant()).toMillis() / 1000.0))
                .orElse(0.0);
    }
}
