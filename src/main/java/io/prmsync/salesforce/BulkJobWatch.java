package io.prmsync.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobBase;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;

/**
 * One Bulk API 2.0 job from its creation until Salesforce says it has ended: its id, the state last seen and how
 * long the run is willing to wait for it.
 */
public final class BulkJobWatch {

    private final String jobId;
    private final Instant createdAt;
    private final Instant deadline;
    private final Clock clock;
    private JobStateEnum state;
    private String errorMessage;
    private long recordsProcessed;
    private Long recordsFailed;

    BulkJobWatch(JobBase created, Duration timeout, Clock clock) {
        this.jobId = created.getId();
        this.clock = clock;
        this.createdAt = clock.instant();
        this.deadline = createdAt.plus(timeout);
        if (jobId == null || jobId.isBlank()) {
            throw new BulkJobException("Salesforce created a Bulk API 2.0 job but named no job id");
        }
        seen(created, null);
    }

    String jobId() {
        return jobId;
    }

    /** Takes the state from Salesforce's latest answer about the job; an answer without one would be waited on forever. */
    void seen(JobBase job, String error) {
        if (job.getState() == null) {
            throw new BulkJobException("Salesforce answered about Bulk API 2.0 job " + jobId + " without its state");
        }
        state = job.getState();
        errorMessage = error;
        recordsProcessed = job.getNumberRecordsProcessed() == null ? recordsProcessed : job.getNumberRecordsProcessed();
        if (job instanceof Job ingest && ingest.getNumberRecordsFailed() != null) {
            recordsFailed = ingest.getNumberRecordsFailed();
        }
    }

    /**
     * False only for a job that completed and said it failed no record, whose failed results would be a header
     * alone; a job that ended early, or did not say, may have some.
     */
    boolean mayHaveFailedRecords() {
        return state != JobStateEnum.JOB_COMPLETE || recordsFailed == null || recordsFailed > 0;
    }

    /** True until the job has ended; a job still running past its deadline ends the run instead. */
    boolean isRunning() {
        boolean running =
                state != JobStateEnum.JOB_COMPLETE && state != JobStateEnum.FAILED && state != JobStateEnum.ABORTED;
        if (running && clock.instant().isAfter(deadline)) {
            throw new BulkJobException("Bulk API 2.0 job " + jobId + " is still " + state
                    + " after the configured job timeout; the next run starts a new job");
        }
        return running;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** How the job ended, for its meter: {@code completed}, {@code failed} or {@code aborted}. */
    String outcome() {
        return state == JobStateEnum.JOB_COMPLETE ? "completed" : state.name().toLowerCase(Locale.ROOT);
    }

    boolean hasFailed() {
        return state == JobStateEnum.FAILED || state == JobStateEnum.ABORTED;
    }

    /** Why the job ended without finishing, for the run's error. */
    String failure() {
        return "Bulk API 2.0 job " + jobId + " ended " + state
                + (errorMessage == null || errorMessage.isBlank() ? "" : ": " + errorMessage);
    }

    long recordsProcessed() {
        return recordsProcessed;
    }
}
