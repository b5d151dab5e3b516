package io.prmsync.sync.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.cluster.FlowTransactions;
import io.prmsync.mapping.EntityMapping;
import io.prmsync.salesforce.BulkJobs;
import io.prmsync.salesforce.SalesforceFailures;
import io.prmsync.salesforce.WriteOutcome;
import io.prmsync.store.DeadLetter;
import io.prmsync.store.DeadLetterRepository;
import io.prmsync.store.Direction;
import io.prmsync.store.ParkedRecordRepository;
import io.prmsync.store.RecordSyncState;
import io.prmsync.store.SyncStateRepository;
import io.prmsync.store.WatermarkRepository;
import io.prmsync.sync.ParkingLot;
import io.prmsync.sync.Payloads;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records what Salesforce answered for each record of a batch: sync state for the saved ones, a dead letter for
 * each rejected one, a retry with the next run for each one refused for a passing reason (a locked row), and the
 * batch's watermark, all in one transaction. A rejected record never holds back the
 * rest of its batch.
 */
@Component
public class OutboundResultsApplier {

    private static final Logger log = LoggerFactory.getLogger(OutboundResultsApplier.class);

    /** Records whose results are written together. */
    static final int APPLIED_PER_SLICE = 1_000;

    private final SyncStateRepository states;
    private final DeadLetterRepository deadLetters;
    private final WatermarkRepository watermarks;
    private final ParkedRecordRepository parked;
    private final FlowTransactions transaction;
    private final Clock clock;
    private final ObjectMapper json;

    OutboundResultsApplier(
            ObjectMapper json,
            SyncStateRepository states,
            DeadLetterRepository deadLetters,
            WatermarkRepository watermarks,
            ParkedRecordRepository parked,
            FlowTransactions transaction,
            Clock clock) {
        this.parked = parked;
        this.json = json;
        this.states = states;
        this.deadLetters = deadLetters;
        this.watermarks = watermarks;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Applies results given in request order; returns how many records Salesforce rejected. */
    public int apply(String flow, EntityMapping mapping, OutboundBatch batch, List<WriteOutcome> outcomes) {
        if (outcomes.size() != batch.records().size()) {
            throw new IllegalStateException("Salesforce answered " + outcomes.size() + " results for "
                    + batch.records().size() + " records of flow " + flow);
        }
        return transaction.execute(flow, tx -> applyInTransaction(flow, mapping, batch, outcomes));
    }

    private int applyInTransaction(
            String flow, EntityMapping mapping, OutboundBatch batch, List<WriteOutcome> outcomes) {
        Instant now = clock.instant();
        int rejected = 0;
        // A bulk job's batch holds up to job-size (25,000) records: what their results write is built a slice at a
        // time.
        for (int from = 0; from < outcomes.size(); from += APPLIED_PER_SLICE) {
            int to = Math.min(outcomes.size(), from + APPLIED_PER_SLICE);
            rejected += applySlice(flow, mapping, batch.records().subList(from, to), outcomes.subList(from, to), now);
        }
        batch.through().ifPresent(w -> watermarks.save(flow, Direction.OUTBOUND, w, now));
        return rejected;
    }

    private int applySlice(
            String flow,
            EntityMapping mapping,
            List<OutboundRecord> records,
            List<WriteOutcome> outcomes,
            Instant now) {
        String entity = mapping.entity();
        List<RecordSyncState> saved = new ArrayList<>();
        Set<String> retryLater = new HashSet<>();
        int rejected = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            OutboundRecord record = records.get(i);
            WriteOutcome outcome = outcomes.get(i);
            if (outcome instanceof WriteOutcome.Saved ok) {
                saved.add(savedState(entity, record, ok.sfId()));
            } else if (outcome instanceof WriteOutcome.Rejected failure && isRetriedLater(failure.errorCode())) {
                // A locked row, a busy server or a bulk job that ended early is no fault of the record: it goes out
                // again with the next run.
                log.info(
                        "{}: {} not saved this time ({}); it will be sent again",
                        flow,
                        record.prmKey(),
                        failure.errorCode());
                retryLater.add(record.prmKey());
                parked.park(
                        flow,
                        Direction.OUTBOUND,
                        record.prmKey(),
                        ParkingLot.RETRY_PREFIX + failure.errorCode(),
                        null,
                        now);
            } else if (outcome instanceof WriteOutcome.Rejected failure) {
                rejected++;
                log.warn("{}: Salesforce rejected {}: {}", flow, record.prmKey(), failure.message());
                deadLetters.add(
                        new DeadLetter(
                                flow,
                                Direction.OUTBOUND,
                                record.prmKey(),
                                Payloads.json(json, sent(record, failure)),
                                failure.errorCode(),
                                failure.message()),
                        now);
                states.recordError(entity, record.prmKey(), failure.errorCode(), failure.message());
            }
        }
        states.saveAll(
                saved,
                records.stream()
                        .filter(r -> r.state() != null)
                        .map(OutboundRecord::prmKey)
                        .toList(),
                Direction.OUTBOUND,
                now);
        deadLetters.resolve(
                flow,
                Direction.OUTBOUND,
                saved.stream().map(RecordSyncState::prmKey).toList(),
                now);
        parked.release(
                flow,
                Direction.OUTBOUND,
                records.stream()
                        .map(OutboundRecord::prmKey)
                        .filter(key -> !retryLater.contains(key))
                        .toList());
        return rejected;
    }

    /**
     * What was sent for the record: what a bulk job's failed results echo of its upload (its records no longer hold
     * their fields), else the fields a collections call sent.
     */
    private static Map<String, ?> sent(OutboundRecord record, WriteOutcome.Rejected failure) {
        return failure.uploaded().isEmpty() ? record.fields() : failure.uploaded();
    }

    private static boolean isRetriedLater(String errorCode) {
        return SalesforceFailures.TRANSIENT_CODES.contains(errorCode) || BulkJobs.NOT_PROCESSED.equals(errorCode);
    }

    private static RecordSyncState savedState(String entity, OutboundRecord record, String sfId) {
        RecordSyncState before = record.state();
        if (before == null) {
            return new RecordSyncState(entity, record.prmKey(), sfId, null, record.outboundHash(), record.agreed());
        }
        return before.withOutbound(
                Objects.requireNonNullElse(sfId, before.sfId()), record.outboundHash(), record.agreed());
    }
}
