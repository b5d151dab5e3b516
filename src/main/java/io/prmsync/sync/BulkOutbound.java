package io.prmsync.sync;

import io.prmsync.config.SyncProperties;
import io.prmsync.mapping.EntityMapping;
import io.prmsync.salesforce.ApiUsage;
import io.prmsync.salesforce.BulkCsv;
import io.prmsync.salesforce.BulkWriteResults;
import io.prmsync.salesforce.WriteOutcome;
import java.io.InputStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ColumnDelimiterEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ContentTypeEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.LineEndingEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.springframework.stereotype.Component;

/**
 * The steps that send one outbound batch as a Bulk API 2.0 ingest job, called from
 * {@code routes/salesforce-bulk.camel.yaml}: create the job, upload the records as CSV, close it, watch it until
 * it ends, read which records were saved and which failed. The flow's own step then records the outcomes as it
 * does a collections call's.
 *
 * <p>Results come in no set order and echo the uploaded columns, so each is matched to its record by the column
 * that names it: {@code Id} in an update job, the external id in an upsert job. A record the job never reached
 * (it failed or was aborted part way) is answered as not processed, so it goes out again with the next run.
 */
@Component("bulkOutbound")
public class BulkOutbound {

    static final String PROPERTY = "prmSyncBulkWrite";
    static final String OUTCOMES_PROPERTY = "prmSyncBulkOutcomes";
    /** Per-record code of a record an ended job did not process; retried with the next run. */
    public static final String NOT_PROCESSED = "BULK_JOB_NOT_PROCESSED";

    private final SyncFlows flows;
    private final ApiUsage apiUsage;
    private final SyncProperties.Bulk settings;
    private final Clock clock;

    BulkOutbound(SyncFlows flows, ApiUsage apiUsage, SyncProperties properties, Clock clock) {
        this.flows = flows;
        this.apiUsage = apiUsage;
        this.settings = properties.bulk();
        this.clock = clock;
    }

    /** One ingest job's progress through its batch. */
    static final class Progress {
        private final OutboundBatch batch;
        private final String keyColumn;
        private final Map<String, WriteOutcome> outcomes = new HashMap<>();
        private BulkJobWatch job;

        Progress(OutboundBatch batch, String keyColumn) {
            this.batch = batch;
            this.keyColumn = keyColumn;
        }

        private String keyOf(OutboundRecord record) {
            return batch.isUpsert() ? record.prmKey() : record.sfId();
        }
    }

    /** The ingest job to create for the batch: upsert by external id, or update by Salesforce id. */
    public void newJob(Exchange exchange, @ExchangeProperty(InboundSync.FLOW_PROPERTY) String flow) {
        OutboundBatch batch = exchange.getProperty(OutboundSync.BATCH_PROPERTY, OutboundBatch.class);
        EntityMapping mapping = flows.mapper(flow).mapping();
        Job job = new Job();
        job.setObject(mapping.sObject());
        job.setContentType(ContentTypeEnum.CSV);
        job.setColumnDelimiter(ColumnDelimiterEnum.COMMA);
        job.setLineEnding(LineEndingEnum.LF);
        if (batch.isUpsert()) {
            job.setOperation(OperationEnum.UPSERT);
            job.setExternalIdFieldName(mapping.externalIdField());
        } else {
            job.setOperation(OperationEnum.UPDATE);
        }
        exchange.setProperty(PROPERTY, new Progress(batch, batch.isUpsert() ? mapping.externalIdField() : "Id"));
        exchange.getMessage().setBody(job);
    }

    /** Keeps the job's id and puts the upload in the body (bytes, so a retried upload sends it whole again). */
    public void jobCreated(Exchange exchange) throws InvalidPayloadException {
        counted(exchange);
        Progress progress = progress(exchange);
        progress.job = new BulkJobWatch(exchange.getMessage().getMandatoryBody(Job.class), settings.jobTimeout(), clock);
        exchange.getMessage().setHeader(BulkInbound.JOB_ID_HEADER, progress.job.jobId());
        exchange.getMessage().setBody(BulkCsv.upload(progress.batch.records().stream()
                .map(OutboundRecord::fields).toList()));
    }

    public void uploaded(Exchange exchange) {
        counted(exchange);
        exchange.getMessage().setBody(null);
    }

    public void jobClosed(Exchange exchange) throws InvalidPayloadException {
        jobPolled(exchange);
    }

    public boolean isRunning(Exchange exchange) {
        return progress(exchange).job.isRunning();
    }

    public long pollDelay() {
        return settings.pollInterval().toMillis();
    }

    public void jobPolled(Exchange exchange) throws InvalidPayloadException {
        counted(exchange);
        Job job = exchange.getMessage().getMandatoryBody(Job.class);
        BulkJobWatch watch = progress(exchange).job;
        watch.seen(job, job.getErrorMessage());
    }

    public void readSuccesses(Exchange exchange) throws InvalidPayloadException {
        counted(exchange);
        Progress progress = progress(exchange);
        progress.outcomes.putAll(BulkWriteResults.successes(
                exchange.getMessage().getMandatoryBody(InputStream.class), progress.keyColumn));
        exchange.getMessage().setBody(null);
    }

    /** Reads the failed results and leaves one outcome per record, in the batch's order, for the flow's step. */
    public void readFailures(Exchange exchange) throws InvalidPayloadException {
        counted(exchange);
        Progress progress = progress(exchange);
        progress.outcomes.putAll(BulkWriteResults.failures(
                exchange.getMessage().getMandatoryBody(InputStream.class), progress.keyColumn));
        exchange.getMessage().setBody(null);
        WriteOutcome notProcessed = new WriteOutcome.Rejected(NOT_PROCESSED, progress.job.failure());
        List<WriteOutcome> outcomes = progress.batch.records().stream()
                .map(record -> progress.outcomes.getOrDefault(progress.keyOf(record), notProcessed)).toList();
        exchange.setProperty(OUTCOMES_PROPERTY, outcomes);
    }

    /** Why the batch's job ended without finishing, once its outcomes are recorded. */
    Optional<String> failureOf(Exchange exchange) {
        Progress progress = progress(exchange);
        return progress != null && progress.job.hasFailed() ? Optional.of(progress.job.failure()) : Optional.empty();
    }

    private void counted(Exchange exchange) {
        SyncRunContext.countCall(exchange, apiUsage);
    }

    private static Progress progress(Exchange exchange) {
        return exchange.getProperty(PROPERTY, Progress.class);
    }
}
