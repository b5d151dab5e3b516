package io.prmsync.webhook;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.prmsync.config.MetricsProperties;
import io.prmsync.metrics.RefreshingReading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The webhook inbox as gauges: events not yet done, by status, and how long the oldest event still to apply has
 * waited. Done events are left out: the inbox keeps them for days, and counting them would read the whole table.
 */
@Component
class WebhookInboxGauges implements MeterBinder {

    static final String EVENTS = "prm_sync.webhook.inbox.events";
    static final String OLDEST_WAITING = "prm_sync.webhook.inbox.oldest_waiting.age";

    private final RefreshingReading<Map<String, Long>> counts;
    private final RefreshingReading<Optional<Instant>> oldest;
    private final Clock clock;

    WebhookInboxGauges(WebhookInboxRepository inbox, MetricsProperties properties, Clock clock) {
        this.clock = clock;
        this.counts = RefreshingReading.of(inbox::countNotDone, properties.storeRefresh(), clock);
        this.oldest = RefreshingReading.of(inbox::oldestPending, properties.storeRefresh(), clock);
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        for (String status : WebhookInboxRepository.NOT_DONE) {
            Gauge.builder(
                            EVENTS,
                            () -> counts.get()
                                    .map(byStatus -> (double) byStatus.getOrDefault(status, 0L))
                                    .orElse(Double.NaN))
                    .description("Webhook events in the inbox not yet done, by status")
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
                .map(received -> received.map(at -> Math.max(
                                0, Duration.between(at, clock.instant()).toMillis() / 1000.0))
                        .orElse(0.0))
                .orElse(Double.NaN);
    }
}
