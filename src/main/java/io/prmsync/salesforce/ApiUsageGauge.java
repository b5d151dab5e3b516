package io.prmsync.salesforce;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** The share of the org's daily API allocation used, as Salesforce last reported it (NaN before any answer). */
@Component
class ApiUsageGauge implements MeterBinder {

    private final ApiUsage usage;

    ApiUsageGauge(ApiUsage usage) {
        this.usage = usage;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder(
                        SalesforceMetrics.API_USAGE,
                        usage,
                        latest -> latest.latest().map(ApiUsage.Reading::share).orElse(Double.NaN))
                .description("Share of the org's daily API allocation used, as Salesforce last reported it")
                .baseUnit("ratio")
                .register(meters);
    }
}
