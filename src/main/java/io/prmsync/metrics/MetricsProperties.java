package io.prmsync.metrics;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the service's own meters behave ({@code prm-sync.metrics.*}).
 *
 * @param storeRefresh how old a gauge read from the store (lag, dead letters, parked records, the webhook inbox)
 *     may be; scrapes in between are answered from the last reading
 */
@Validated
@ConfigurationProperties("prm-sync.metrics")
public record MetricsProperties(@NotNull Duration storeRefresh) {

    public MetricsProperties {
        if (storeRefresh == null) {
            storeRefresh = Duration.ofSeconds(10);
        }
        if (storeRefresh.isNegative()) {
            throw new IllegalArgumentException(
                    "prm-sync.metrics.store-refresh must not be negative, not " + storeRefresh);
        }
    }

    public <T> RefreshingReading<T> reading(java.util.function.Supplier<T> source, java.time.Clock clock) {
        return new RefreshingReading<>(source, storeRefresh, clock);
    }
}
