package io.prmsync.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Change Data Capture over the Pub/Sub API, under {@code prm-sync.change-events}, for the mappings that opt in with
 * {@code salesforce.change-events}.
 *
 * @param enabled false subscribes to nothing: every flow polls on its own schedule
 * @param batchSize events the service asks Salesforce for at a time (flow control; Salesforce sends at most 100)
 * @param safetyNetPeriod while a flow's channel streams, its scheduled poll runs this often instead of at its own
 *     period: polling still catches what no event told of
 * @param retention how long Salesforce keeps events (72 hours); a position older than that is healed by a poll
 *     from the watermark instead of a replay
 * @param plainText connect to the Pub/Sub API without TLS: only for an endpoint on a trusted loopback (the built-in
 *     sandbox sets it; a local proxy that terminates TLS)
 */
@Validated
@ConfigurationProperties("prm-sync.change-events")
public record ChangeEventProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100") @Min(1) @Max(100) int batchSize,
        @DefaultValue("PT1H") Duration safetyNetPeriod,
        @DefaultValue("PT72H") Duration retention,
        @DefaultValue("false") boolean plainText) {

    @AssertTrue(message = "safety-net-period and retention must be positive")
    boolean isPositive() {
        return !safetyNetPeriod.isNegative()
                && !safetyNetPeriod.isZero()
                && !retention.isNegative()
                && !retention.isZero();
    }
}
