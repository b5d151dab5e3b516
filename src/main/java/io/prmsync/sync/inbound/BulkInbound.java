package io.prmsync.sync.inbound;

import io.prmsync.cluster.FlowTransactions;
import io.prmsync.config.SyncProperties;
import io.prmsync.mapping.SalesforceRecord;
import io.prmsync.salesforce.BulkCsv;
import io.prmsync.salesforce.BulkJobs;
import io.prmsync.salesforce.BulkQueryRecords;
import io.prmsync.salesforce.ResultsChunkSize;
import io.prmsync.salesforce.SalesforceCalls;
import io.prmsync.store.Direction;
import io.prmsync.store.Watermark;
import io.prmsync.store.WatermarkRepository;
import io.prmsync.sync.run.FlowRun;
import io.prmsync.sync.run.RunControl;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * An inbound run that reads its records with a Bulk API 2.0 query job: each chunk of results is applied a
 * transaction of {@code apply-chunk} records at a time. The results come in no set order, so the watermark moves
 * once, when the last chunk has been applied, to the newest record read; a run that stops before that reads the
 * same records again next time. Each chunk's partners are re-evaluated once it commits, as a REST page's are.
 */
@Component
public class BulkInbound {

    private final InboundApplier applier;
    private final RunControl runs;
    private final WatermarkRepository watermarks;
    private final FlowTransactions transaction;
    private final BulkJobs jobs;
    private final SyncProperties.Bulk settings;
    private final Clock clock;

    BulkInbound(
            InboundApplier applier,
            RunControl runs,
            WatermarkRepository watermarks,
            FlowTransactions transaction,
            BulkJobs jobs,
            SyncProperties properties,
            Clock clock) {
        this.applier = applier;
        this.runs = runs;
        this.watermarks = watermarks;
        this.transaction = transaction;
        this.jobs = jobs;
        this.settings = properties.bulk();
        this.clock = clock;
    }

    /** Reads the records {@code soql} selects with one {@code queryAll} job and applies them. */
    void read(FlowRun run, SalesforceCalls salesforce, String soql) {
        Newest newest = new Newest();
        BulkJobs.Timing timing = new BulkJobs.Timing(settings.pollInterval(), settings.jobTimeout());
        ResultsChunkSize chunkSize = new ResultsChunkSize(
                settings.resultsChunk(), settings.resultsChunkBytes().toBytes());
        long found = jobs.query(salesforce, soql, chunkSize, timing, csv -> applyChunk(run, csv, newest));
        run.expectTotal(found);
        if (newest.position != null) {
            Watermark reached = newest.position;
            transaction.executeWithoutResult(
                    run.flow(), tx -> watermarks.save(run.flow(), Direction.INBOUND, reached, clock.instant()));
        }
    }

    /** @return the records the chunk held */
    private long applyChunk(FlowRun run, InputStream csv, Newest newest) {
        String sObject = run.mapper().mapping().sObject();
        long read = 0;
        List<SalesforceRecord> chunk = new ArrayList<>(settings.applyChunk());
        for (Iterator<Map<String, String>> rows = BulkCsv.rows(csv); rows.hasNext(); ) {
            chunk.add(BulkQueryRecords.toRecord(sObject, rows.next()));
            read++;
            if (chunk.size() == settings.applyChunk()) {
                apply(run, chunk, newest);
                chunk = new ArrayList<>(settings.applyChunk());
            }
        }
        apply(run, chunk, newest);
        return read;
    }

    private void apply(FlowRun run, List<SalesforceRecord> chunk, Newest newest) {
        if (chunk.isEmpty()) {
            return;
        }
        run.countInbound(applier.reapply(run.flow(), run.mapper(), chunk));
        SalesforceRecord last = chunk.stream()
                .max(Comparator.comparing(SalesforceRecord::systemModstamp).thenComparing(SalesforceRecord::id))
                .orElseThrow();
        newest.offer(new Watermark(last.systemModstamp(), last.id()));
        runs.progress(run);
    }

    /** The newest (SystemModstamp, Id) read so far. */
    private static final class Newest {
        private Watermark position;

        void offer(Watermark candidate) {
            if (position == null || candidate.isAfter(position)) {
                position = candidate;
            }
        }
    }
}
