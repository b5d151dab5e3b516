package io.prmsync.salesforce;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Salesforce as meters: every call by operation and outcome, and Bulk API 2.0 jobs from creation to their end (the
 * API budget's gauge is {@link ApiUsageGauge}). Operations are the component's names (a fixed set), and outcomes
 * {@code success} or a {@link SalesforceFailures.Kind}: no tag ever holds a record or job id.
 */
@Component
public class SalesforceMetrics {

    public static final String CALLS = "prm_sync.salesforce.calls";
    public static final String BULK_JOBS = "prm_sync.salesforce.bulk.jobs";
    public static final String API_USAGE = "prm_sync.salesforce.api.usage";
    static final String SUCCESS = "success";

    private final MeterRegistry meters;

    public SalesforceMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void call(String operation, Duration took, Throwable failure) {
        Timer.builder(CALLS)
                .description("Salesforce calls by operation and outcome, retries included")
                .tags("operation", operation, "outcome", outcome(failure))
                .register(meters)
                .record(took);
    }

    void bulkJob(String operation, Duration took, String outcome) {
        Timer.builder(BULK_JOBS)
                .description("Bulk API 2.0 jobs from creation until they ended, by operation and how they ended")
                .tags("operation", operation, "outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(meters)
                .record(took);
    }

    static String outcome(Throwable failure) {
        return failure == null
                ? SUCCESS
                : SalesforceFailures.classify(failure).name().toLowerCase(Locale.ROOT);
    }
}
