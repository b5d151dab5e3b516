package io.prmsync.sync;

import io.prmsync.config.SyncProperties;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.mapping.SalesforceRecord;
import io.prmsync.salesforce.ApiUsage;
import io.prmsync.salesforce.BulkCsv;
import io.prmsync.salesforce.BulkQueryRecords;
import io.prmsync.store.Direction;
import io.prmsync.store.Watermark;
import io.prmsync.store.WatermarkRepository;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ColumnDelimiterEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ContentTypeEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.LineEndingEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of an inbound run that reads its records with a Bulk API 2.0 query job, called from
 * {@code routes/salesforce-bulk.camel.yaml}: create the job, watch it until it completes, apply its results a
 * chunk at a time. The results come in no set order, so the watermark moves once, when the last chunk has been
 * applied, to the newest record read; a run that stops before that reads the same records again next time.
 * Each chunk's partners are re-evaluated once it commits, as a REST page's are.
 */
@Component("bulkInbound")
public class BulkInbound {

    /** The query a run may hand to a job: set by the run's first step, taken by its first page. */
    static final String CANDIDATE_PROPERTY = "prmSyncBulkQueryCandidate";
    static final String PROPERTY = "prmSyncBulkQuery";
    static final String JOB_ID_HEADER = "jobId";
    static final String LOCATOR_HEADER = "locator";
    static final String MAX_RECORDS_HEADER = "maxRecords";
    /** The next results chunk, or the text {@code null} after the last one. */
    static final String NEXT_LOCATOR_HEADER = "Sforce-Locator";
    private static final String NUMBER_OF_RECORDS_HEADER = "Sforce-NumberOfRecords";

    private final SyncFlows flows;
    private final InboundApplier applier;
    private final SyncRunTracker runs;
    private final WatermarkRepository watermarks;
    private final TransactionTemplate transaction;
    private final ApiUsage apiUsage;
    private final SyncProperties.Bulk settings;
    private final Clock clock;

    BulkInbound(SyncFlows flows, InboundApplier applier, SyncRunTracker runs, WatermarkRepository watermarks,
            TransactionTemplate transaction, ApiUsage apiUsage, SyncProperties properties, Clock clock) {
        this.flows = flows;
        this.applier = applier;
        this.runs = runs;
        this.watermarks = watermarks;
        this.transaction = transaction;
        this.apiUsage = apiUsage;
        this.settings = properties.bulk();
        this.clock = clock;
    }

    /** One query job's progress through a run. */
    static final class Progress {
        private final String soql;
        private BulkJobWatch job;
        private boolean resultsRead;
        private Watermark newest;

        Progress(String soql) {
            this.soql = soql;
        }
    }

    /**
     * Called with the run's first REST page: when Salesforce reports more records than the bulk threshold, the run
     * reads them with a query job instead, and the page is left unapplied (the job brings its records again).
     *
     * @return true when the job takes over
     */
    boolean takesOver(Exchange exchange, long totalSize) {
        String soql = exchange.getProperty(CANDIDATE_PROPERTY, String.class);
        exchange.removeProperty(CANDIDATE_PROPERTY);
        if (soql == null || !settings.isUsedAbove(totalSize)) {
            return false;
        }
        exchange.setProperty(PROPERTY, new Progress(soql));
        return true;
    }

    public boolean isChosen(Exchange exchange) {
        return exchange.getProperty(PROPERTY) != null;
    }

    /** The query job to create: {@code queryAll}, so deletions come too, as CSV. */
    public void newJob(Exchange exchange) {
        QueryJob job = new QueryJob();
        job.setOperation(OperationEnum.QUERY_ALL);
        job.setQuery(progress(exchange).soql);
        job.setContentType(ContentTypeEnum.CSV);
        job.setColumnDelimiter(ColumnDelimiterEnum.COMMA);
        job.setLineEnding(LineEndingEnum.LF);
        exchange.getMessage().setBody(job);
    }

    public void jobCreated(Exchange exchange) throws InvalidPayloadException {
        counted(exchange);
        Progress progress = progress(exchange);
        progress.job = new BulkJobWatch(exchange.getMessage().getMandatoryBody(QueryJob.class),
                settings.jobTimeout(), clock);
        exchange.getMessage().setHeader(JOB_ID_HEADER, progress.job.jobId());
        afterStateSeen(exchange, progress.job);
    }

    public boolean isRunning(Exchange exchange) {
        return progress(exchange).job.isRunning();
    }

    public long pollDelay() {
        return settings.pollInterval().toMillis();
    }

    /** Takes the job's state; a failed or aborted query ends the run with Salesforce's reason. */
    public void jobPolled(Exchange exchange) throws InvalidPayloadException {
        counted(exchange);
        BulkJobWatch job = progress(exchange).job;
        job.seen(exchange.getMessage().getMandatoryBody(QueryJob.class), null);
        afterStateSeen(exchange, job);
    }

    private void afterStateSeen(Exchange exchange, BulkJobWatch job) {
        if (job.hasFailed()) {
            throw new BulkJobException(job.failure());
        }
        if (!job.isRunning()) {
            SyncRunContext run = exchange.getProperty(SyncRunContext.PROPERTY, SyncRunContext.class);
            run.expectTotal(job.recordsProcessed());
            exchange.getMessage().setHeader(MAX_RECORDS_HEADER, settings.resultsChunk());
            exchange.getMessage().removeHeader(LOCATOR_HEADER);
        }
    }

    public boolean hasResults(Exchange exchange) {
        return !progress(exchange).resultsRead;
    }

    /**
     * Applies one chunk of results (CSV in the body) a transaction of {@code apply-chunk} records at a time, then
     * sets the locator of the next chunk; after the last one, moves the watermark to the newest record read.
     */
    public void applyResults(Exchange exchange, @ExchangeProperty(InboundSync.FLOW_PROPERTY) String flow)
            throws InvalidPayloadException {
        counted(exchange);
        Progress progress = progress(exchange);
        SyncRunContext run = exchange.getProperty(SyncRunContext.PROPERTY, SyncRunContext.class);
        RecordMapper mapper = flows.mapper(flow);
        Message message = exchange.getMessage();
        Object locator = message.removeHeader(NEXT_LOCATOR_HEADER);
        String next = locator == null ? null : locator.toString();
        message.removeHeader(NUMBER_OF_RECORDS_HEADER);
        List<SalesforceRecord> chunk = new ArrayList<>(settings.applyChunk());
        for (Iterator<Map<String, String>> rows = BulkCsv.rows(message.getMandatoryBody(InputStream.class));
                rows.hasNext(); ) {
            chunk.add(BulkQueryRecords.toRecord(mapper.mapping().sObject(), rows.next()));
            if (chunk.size() == settings.applyChunk()) {
                apply(flow, mapper, chunk, progress, run);
                chunk = new ArrayList<>(settings.applyChunk());
            }
        }
        apply(flow, mapper, chunk, progress, run);
        message.setBody(null);
        if (next == null || next.isBlank() || "null".equals(next)) {
            progress.resultsRead = true;
            message.removeHeader(LOCATOR_HEADER);
            if (progress.newest != null) {
                Watermark reached = progress.newest;
                transaction.executeWithoutResult(tx -> watermarks.save(flow, Direction.INBOUND, reached,
                        clock.instant()));
            }
        } else {
            message.setHeader(LOCATOR_HEADER, next);
        }
    }

    private void apply(String flow, RecordMapper mapper, List<SalesforceRecord> chunk, Progress progress,
            SyncRunContext run) {
        if (chunk.isEmpty()) {
            return;
        }
        run.countInbound(applier.reapply(flow, mapper, chunk));
        SalesforceRecord newest = chunk.stream().max(Comparator.comparing(SalesforceRecord::systemModstamp)
                .thenComparing(SalesforceRecord::id)).orElseThrow();
        Watermark candidate = new Watermark(newest.systemModstamp(), newest.id());
        if (progress.newest == null || isAfter(candidate, progress.newest)) {
            progress.newest = candidate;
        }
        runs.progress(run);
    }

    private static boolean isAfter(Watermark a, Watermark b) {
        int byStamp = a.stamp().compareTo(b.stamp());
        return byStamp > 0 || (byStamp == 0 && a.recordId().compareTo(b.recordId()) > 0);
    }

    private void counted(Exchange exchange) {
        SyncRunContext.countCall(exchange, apiUsage);
    }

    private static Progress progress(Exchange exchange) {
        return exchange.getProperty(PROPERTY, Progress.class);
    }
}
