package io.prmsync.sync.outbound;

import io.prmsync.cluster.FlowTransactions;
import io.prmsync.config.SyncProperties;
import io.prmsync.mapping.DuplicatePolicy;
import io.prmsync.mapping.EntityMapping;
import io.prmsync.salesforce.BulkJobException;
import io.prmsync.salesforce.BulkJobs;
import io.prmsync.salesforce.ExternalIdPairing;
import io.prmsync.salesforce.OrgLookups;
import io.prmsync.salesforce.SalesforceCalls;
import io.prmsync.salesforce.WriteOutcome;
import io.prmsync.store.Direction;
import io.prmsync.store.PrmRecords;
import io.prmsync.store.PrmRow;
import io.prmsync.store.SyncStateRepository;
import io.prmsync.store.Watermark;
import io.prmsync.store.WatermarkRepository;
import io.prmsync.sync.ParkingLot;
import io.prmsync.sync.RecordsChangedListener;
import io.prmsync.sync.References;
import io.prmsync.sync.run.FlowRun;
import io.prmsync.sync.run.RunControl;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The steps of an outbound (PRM to Salesforce) run: plan the changed rows into batches, one page at a time, and
 * write each batch, in an sObject Collections call of up to 200 records or, for many records of one kind, a Bulk
 * API 2.0 ingest job; record each record's result; commit the watermark once every batch is written.
 */
@Component
public class OutboundSync {

    private final RunControl runs;
    private final OutboundResultsApplier results;
    private final SyncProperties properties;
    private final OutboundBatches.Stores stores;
    private final ParkingLot parkingLot;
    private final OrgLookups lookups;
    private final List<RecordsChangedListener> listeners;
    private final BulkJobs bulkJobs;
    private final ConcurrentEdits concurrentEdits;

    OutboundSync(
            RunControl runs,
            OutboundResultsApplier results,
            SyncProperties properties,
            PrmRecords records,
            SyncStateRepository states,
            WatermarkRepository watermarks,
            References references,
            ParkingLot parkingLot,
            OrgLookups lookups,
            ExternalIdPairing pairing,
            FlowTransactions transaction,
            Clock clock,
            List<RecordsChangedListener> listeners,
            BulkJobs bulkJobs,
            ConcurrentEdits concurrentEdits) {
        this.runs = runs;
        this.results = results;
        this.properties = properties;
        this.stores = new OutboundBatches.Stores(
                records, states, watermarks, references, parkingLot, pairing, transaction, clock);
        this.parkingLot = parkingLot;
        this.lookups = lookups;
        this.listeners = listeners;
        this.bulkJobs = bulkJobs;
        this.concurrentEdits = concurrentEdits;
    }

    /**
     * Writes the run's batches one after the other. A failed call stops the run; the watermark only moves with
     * batches that were written.
     */
    public void writeChanges(FlowRun run, SalesforceCalls salesforce) {
        OutboundBatches batches = batches(run);
        while (batches.hasNext()) {
            // The planned batch is not kept beside the settled one while its write is under way.
            write(run, salesforce, settled(run, batches.next(), salesforce));
        }
        if (!run.isTargeted()) {
            run.reached(batches.reached());
        }
    }

    private OutboundBatches batches(FlowRun run) {
        EntityMapping mapping = run.mapper().mapping();
        if (run.isTargeted()) {
            // Named rows (a webhook, a follow-up) are re-evaluated now and their tier changes ride on the run; the
            // partner rows' stamps move too, so should this run fail, the next incremental run still sends them.
            if (!run.records().isEmpty()) {
                listeners.forEach(
                        listener -> run.tiersChanged(listener.recordsChanged(run.flow(), mapping, run.records())));
            }
            return OutboundBatches.of(
                    run.flow(),
                    run.mapper(),
                    createWith(mapping),
                    textLengths(mapping),
                    run.records(),
                    properties.writeBatchSize(),
                    stores);
        }
        Watermark from = run.isFull()
                ? Watermark.START
                : stores.watermarks()
                        .get(run.flow(), Direction.OUTBOUND)
                        .withOverlap(
                                stores.watermarks().readUntil(run.flow(), Direction.OUTBOUND), properties.overlap());
        Instant startedReading = stores.clock().instant();
        Optional<Instant> until = properties.settledBefore(startedReading);
        run.readsUntil(until.orElse(startedReading));
        reevaluateBeforeSending(run, mapping, from, until);
        return new OutboundBatches(
                run.flow(),
                run.mapper(),
                createWith(mapping),
                textLengths(mapping),
                from,
                until,
                sizing(mapping, from, until),
                stores);
    }

    /** The batch with the fields Salesforce wins taken out, as the write and its results need it. */
    private OutboundBatch settled(FlowRun run, OutboundBatch planned, SalesforceCalls salesforce) {
        return concurrentEdits.settle(run.mapper(), planned, salesforce).forResults();
    }

    private void write(FlowRun run, SalesforceCalls salesforce, OutboundBatch batch) {
        EntityMapping mapping = run.mapper().mapping();
        Optional<String> bulkFailure = Optional.empty();
        List<WriteOutcome> outcomes;
        if (batch.bulk()) {
            BulkJobs.Uploads uploads = BulkJobs.uploads(
                    batch.records(),
                    OutboundRecord::fields,
                    properties.bulk().uploadMaxBytes().toBytes());
            // The job's results echo the uploaded columns (a rejected record's dead letter takes them from there):
            // the job's records let go of their fields while it runs (the full resync of 100,000 partners on
            // PostgreSQL, whose tier push is such a job, peaked at 70 MiB of live heap instead of 77).
            batch = batch.withoutFields();
            BulkJobs.IngestResult job = bulkJobs.write(
                    salesforce,
                    mapping.sObject(),
                    batch.isUpsert() ? Optional.of(mapping.externalIdField()) : Optional.empty(),
                    uploads,
                    batch.resultKeys(),
                    new BulkJobs.Timing(
                            properties.bulk().pollInterval(), properties.bulk().jobTimeout()));
            outcomes = job.outcomes();
            bulkFailure = job.failure();
        } else {
            List<Map<String, Object>> fields =
                    batch.records().stream().map(OutboundRecord::fields).toList();
            boolean allowSave = mapping.duplicates() == DuplicatePolicy.ALLOW_SAVE;
            outcomes = batch.isUpsert()
                    ? salesforce.upsert(mapping.sObject(), mapping.externalIdField(), fields, allowSave)
                    : salesforce.update(mapping.sObject(), fields, allowSave);
        }
        int rejected = results.apply(run.flow(), mapping, batch, outcomes);
        run.countOutbound(batch.records().size(), rejected);
        runs.progress(run);
        // Outcomes of a job that ended part way are recorded first: the records it never reached go out again.
        bulkFailure.ifPresent(failure -> {
            throw new BulkJobException(failure);
        });
    }

    /** Commits the watermark the run reached and dead-letters parked records that waited too long. */
    public void finish(FlowRun run) {
        run.reached()
                .ifPresent(reached -> stores.transaction()
                        .executeWithoutResult(
                                run.flow(),
                                tx -> stores.watermarks()
                                        .save(
                                                run.flow(),
                                                Direction.OUTBOUND,
                                                reached,
                                                stores.clock().instant())));
        run.readUntil().ifPresent(horizon -> stores.watermarks().readUntil(run.flow(), Direction.OUTBOUND, horizon));
        run.countExpired(parkingLot.expire(run.flow(), Direction.OUTBOUND));
    }

    /**
     * Collections calls for an ordinary run. A run with more changed rows than the bulk threshold reads them in
     * pages of a bulk job's size, and each page's writes of one kind that still outnumber the threshold (rows with
     * nothing to send drop out) go out as one Bulk API 2.0 ingest job.
     */
    private OutboundBatches.Sizing sizing(EntityMapping mapping, Watermark from, Optional<Instant> until) {
        SyncProperties.Bulk settings = properties.bulk();
        if (settings.threshold() == 0
                || !settings.isUsedAbove(
                        stores.records().countChangedAfter(mapping, from, until, settings.threshold() + 1))) {
            return OutboundBatches.Sizing.collections(properties.writeBatchSize());
        }
        return new OutboundBatches.Sizing(
                Math.max(settings.jobSize(), settings.threshold() + 1),
                properties.queryPageSize(),
                properties.writeBatchSize(),
                settings.threshold());
    }

    /**
     * Re-evaluates the partners of the rows about to go out (changed in the PRM store, which no inbound step saw),
     * so a new tier travels with its row in this run's write rather than in a second one (a partner row keeps its
     * place in the change order); the partners of child rows whose tier changed go out in the follow-up run. A row
     * last written by an inbound apply is left out: that apply marked its partner due, for its own run's end. (Each
     * run within the overlap window reads such rows again; after an inbound of 10,000 accounts, every outbound run
     * for five minutes evaluated all of them, seconds each, while the flow's inbound and webhooks waited.)
     */
    private void reevaluateBeforeSending(FlowRun run, EntityMapping mapping, Watermark from, Optional<Instant> until) {
        if (listeners.isEmpty()) {
            return;
        }
        Watermark position = from;
        for (List<PrmRow> page = stores.records().changedAfter(mapping, position, until, properties.queryPageSize());
                !page.isEmpty();
                page = stores.records().changedAfter(mapping, position, until, properties.queryPageSize())) {
            List<PrmRow> live = page.stream().filter(row -> !row.isDeleted()).toList();
            Set<String> markedDueByInbound = stores.states().lastWrittenInbound(mapping.entity(), live);
            List<String> keys = live.stream()
                    .map(PrmRow::key)
                    .filter(key -> !markedDueByInbound.contains(key))
                    .toList();
            aboutToBeSent(run, mapping, keys);
            PrmRow last = page.get(page.size() - 1);
            position = new Watermark(last.updatedAt(), last.key());
        }
    }

    private void aboutToBeSent(FlowRun run, EntityMapping mapping, List<String> keys) {
        if (!keys.isEmpty()) {
            listeners.forEach(listener -> run.tiersChanged(listener.aboutToBeSent(run.flow(), mapping, keys)));
        }
    }

    /** What the object's text fields hold, described once per object when a value may need cutting. */
    private Supplier<Map<String, Integer>> textLengths(EntityMapping mapping) {
        return () -> lookups.textLengths(mapping.sObject());
    }

    /**
     * Ids the mapping names by value (record type, lookups), which records created in Salesforce get; looked up
     * when the first record is to be created, so a run with nothing to create needs none of them.
     */
    private Supplier<Map<String, Object>> createWith(EntityMapping mapping) {
        return () -> {
            Map<String, Object> values = new LinkedHashMap<>();
            if (mapping.recordType() != null) {
                values.put("RecordTypeId", lookups.recordTypeId(mapping.sObject(), mapping.recordType()));
            }
            mapping.lookups()
                    .forEach((field, lookup) -> values.put(field, lookups.id(lookup.sObject(), lookup.where())));
            return values;
        };
    }
}
