package io.prmsync.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
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
 * @param overlap how far behind its watermark each incremental run reads again: a Salesforce or PRM transaction
 *     that commits after stamping its rows (Apex, bulk jobs, long portal transactions) makes them visible behind
 *     a watermark that already moved on; read again, unchanged records cost a read and nothing else
 * @param recycleBinRetention how long Salesforce's {@code queryAll} still shows deleted records; a flow sweeps for
 *     deletions by id once per this period (and on a full resync), finding those that left the bin unseen
 * @param sweepMaxShare the largest share of a flow's paired records a deletion sweep may delete; above it the
 *     sweep stops the run with an error (an integration user who lost access sees no records at all)
 * @param checkOrgIdentity record the org's id on the first run and refuse runs against another org
 * @param orgRecheck how often the organization id is asked again (a sandbox refreshed under a running service)
 * @param checkOrgAtStartup check every mapping against the org (describe) when the service starts; a flow whose
 *     mapping the org cannot serve stays stopped until {@code POST /api/sync/{flow}/check} passes
 * @param bulk when and how Bulk API 2.0 carries a run's records instead of REST pages and collections
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
        @DefaultValue("PT5M") Duration overlap,
        @DefaultValue("P14D") Duration recycleBinRetention,

        @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1")
        double sweepMaxShare,

        @DefaultValue("true") boolean checkOrgIdentity,
        @DefaultValue("PT1H") Duration orgRecheck,
        @DefaultValue("true") boolean checkOrgAtStartup,
        @DefaultValue @Valid Bulk bulk) {

    public SyncProperties {
        for (Map.Entry<String, Duration> duration : Map.of(
                        "settle-lag", settleLag,
                        "overlap", overlap,
                        "recycle-bin-retention", recycleBinRetention,
                        "org-recheck", orgRecheck,
                        "park-timeout", parkTimeout,
                        "lock-wait", lockWait)
                .entrySet()) {
            if (duration.getValue().isNegative()) {
                throw new IllegalArgumentException(
                        "prm-sync.sync." + duration.getKey() + " must not be negative, was " + duration.getValue());
            }
        }
    }

    /**
     * Bulk API 2.0 settings, under {@code prm-sync.sync.bulk}.
     *
     * @param threshold a run with more records than this reads them with a query job, and a write of more records
     *     than this goes out as an ingest job; 0 turns Bulk API 2.0 off
     * @param jobSize most PRM rows planned into one ingest job (bounds the memory a large outbound run needs)
     * @param resultsChunk most records fetched per query-results call ({@code maxRecords})
     * @param resultsChunkBytes the CSV a query-results call should carry: each call asks for as many records as fit,
     *     judged by the records read so far (the Salesforce component holds a whole answer in memory)
     * @param uploadMaxBytes the most CSV one ingest job uploads: Salesforce takes 150 MB of base64 (about 100 MB of
     *     CSV) per job, so a page of wide rows that would upload more goes out as several jobs
     * @param applyChunk records applied to the PRM store per transaction while reading query results; kept small,
     *     as the store's cost of matching a chunk's keys grows faster than the chunk
     * @param pollInterval wait between two looks at a job's state
     * @param jobTimeout a job not finished after this fails the run (Salesforce keeps it; the next run starts anew)
     */
    public record Bulk(
            @DefaultValue("10000") @Min(0) int threshold,
            @DefaultValue("25000") @Min(1) int jobSize,
            @DefaultValue("50000") @Min(1) int resultsChunk,
            @DefaultValue("4MB") DataSize resultsChunkBytes,
            @DefaultValue("80MB") DataSize uploadMaxBytes,
            @DefaultValue("1000") @Min(1) int applyChunk,
            @DefaultValue("PT2S") Duration pollInterval,
            @DefaultValue("PT2H") Duration jobTimeout) {

        public Bulk {
            // A job's state is asked for in a loop: no wait at all would spend the API budget in a tight loop.
            if (pollInterval.toMillis() < 1) {
                throw new IllegalArgumentException(
                        "prm-sync.sync.bulk.poll-interval must be at least 1 ms, was " + pollInterval);
            }
            if (resultsChunkBytes.toBytes() < 1) {
                throw new IllegalArgumentException(
                        "prm-sync.sync.bulk.results-chunk-bytes must be at least 1B, was " + resultsChunkBytes);
            }
            if (uploadMaxBytes.toBytes() < 1) {
                throw new IllegalArgumentException(
                        "prm-sync.sync.bulk.upload-max-bytes must be at least 1B, was " + uploadMaxBytes);
            }
            if (jobTimeout.isNegative() || jobTimeout.isZero()) {
                throw new IllegalArgumentException(
                        "prm-sync.sync.bulk.job-timeout must be positive, was " + jobTimeout);
            }
        }

        public boolean isUsedAbove(long records) {
            return threshold > 0 && records > threshold;
        }
    }

    /**
     * A warning for a settle lag under one second: Salesforce stamps whole seconds, so such a run may read a
     * second that is still being stamped and move its watermark past a record edited again later in that second.
     */
    public Optional<String> settleLagWarning() {
        if (settleLag.compareTo(Duration.ofSeconds(1)) >= 0) {
            return Optional.empty();
        }
        return Optional.of("prm-sync.sync.settle-lag " + settleLag + " is under one second: Salesforce stamps whole"
                + " seconds, so a run may pass a record edited again within the second it read; "
                + (overlap.isZero()
                        ? "with prm-sync.sync.overlap 0 nothing reads it again before a full resync"
                        : "the overlap (" + overlap + ") reads it again on a later run"));
    }

    /** Changes stamped at or after this are left to the next run; with a zero lag (tests) nothing is. */
    public Optional<Instant> settledBefore(Instant now) {
        return settleLag.isZero() ? Optional.empty() : Optional.of(now.minus(settleLag));
    }
}
