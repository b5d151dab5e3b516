package io.prmsync.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the sync engine, under {@code prm-sync.sync}.
 *
 * @param mappingsDir directory of the entity mapping files; each file is one flow, named after the file
 * @param queryPageSize records per query page requested from Salesforce (200–2,000)
 * @param writeBatchSize records per sObject Collections call (1–200)
 * @param parkTimeout how long a child waits for its parent before it becomes a dead letter
 * @param lockWait how long a trigger waits for a run of the same flow to end before it is skipped
 * @param settleLag records changed more recently than this are left to the next run: a transaction still
 *     committing with an earlier stamp would otherwise fall behind the watermark
 * @param recycleBinRetention how long Salesforce's {@code queryAll} still shows deleted records; a run whose
 *     watermark is older (after a long outage), and a full resync, look for deletions by id instead
 */
@Validated
@ConfigurationProperties("prm-sync.sync")
public record SyncProperties(
        @DefaultValue("config/mappings") Path mappingsDir,
        @DefaultValue("2000") @Min(200) @Max(2000) int queryPageSize,
        @DefaultValue("200") @Min(1) @Max(200) int writeBatchSize,
        @DefaultValue("PT24H") Duration parkTimeout,
        @DefaultValue("PT10M") Duration lockWait,
        @DefaultValue("PT2S") Duration settleLag,
        @DefaultValue("P14D") Duration recycleBinRetention) {

    /** Changes stamped at or after this are left to the next run; with a zero lag (tests) nothing is. */
    public Optional<Instant> settledBefore(Instant now) {
        return settleLag.isZero() ? Optional.empty() : Optional.of(now.minus(settleLag));
    }
}
