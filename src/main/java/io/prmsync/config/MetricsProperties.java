package io.prmsync.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service's own meters behave ({@code prm-sync.metrics.*}).
 *
 * @param storeRefresh how old a gauge read from the store (lag, dead letters, parked records, the webhook inbox)
 *     may be; scrapes in between are answered from the last reading
 */
@ConfigurationProperties("prm-sync.metrics")
public record MetricsProperties(@DefaultValue("PT10S") Duration storeRefresh) {

    public MetricsProperties {
        if (storeRefresh.isNegative()) {
            throw new IllegalArgumentException(
                    "prm-sync.metrics.store-refresh must not be negative, not " + storeRefresh);
        }
    }
}
