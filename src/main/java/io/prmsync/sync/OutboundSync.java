package io.prmsync.sync;

import io.prmsync.config.SyncProperties;
import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.salesforce.ApiUsage;
import io.prmsync.salesforce.CollectionResults;
import io.prmsync.salesforce.ExternalIdPairing;
import io.prmsync.salesforce.OrgLookups;
import io.prmsync.salesforce.SObjectRecord;
import io.prmsync.salesforce.WriteOutcome;
import io.prmsync.store.Direction;
import io.prmsync.store.PrmRecords;
import io.prmsync.store.PrmRow;
import io.prmsync.store.SyncStateRepository;
import io.prmsync.store.Watermark;
import io.prmsync.store.WatermarkRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of an outbound (PRM to Salesforce) flow, called from its route: list the changed rows as batches,
 * turn each batch into an sObject Collections request, record each record's result, finish.
 */
@Component("outboundSync")
public class OutboundSync {

    static final String BATCH_PROPERTY = "prmSyncBatch";
    static final String BATCHES_PROPERTY = "prmSyncBatches";
    /** Tells the route which collections operation a batch needs: {@code upsert} or {@code update}. */
    static final String WRITE_HEADER = "prmSyncWrite";

    private final SyncFlows flows;
    private final SyncRunTracker runs;
    private final OutboundResultsApplier results;
    private final ApiUsage apiUsage;
    private final SyncProperties properties;
    private final OutboundBatches.Stores stores;
    private final ParkingLot parkingLot;
    private final OrgLookups lookups;
    private final List<RecordsChangedListener> listeners;
    private final BulkOutbound bulk;

    OutboundSync(SyncFlows flows, SyncRunTracker runs, OutboundResultsApplier results, ApiUsage apiUsage,
            SyncProperties properties, PrmRecords records, SyncStateRepository states,
            WatermarkRepository watermarks, References references, ParkingLot parkingLot, OrgLookups lookups,
            ExternalIdPairing pairing, TransactionTemplate transaction, Clock clock,
            List<RecordsChangedListener> listeners, BulkOutbound bulk) {
        this.bulk = bulk;
        this.listeners = listeners;
        this.lookups = lookups;
        this.flows = flows;
        this.runs = runs;
        this.results = results;
        this.apiUsage = apiUsage;
        this.properties = properties;
        this.stores = new OutboundBatches.Stores(records, states, watermarks, references, parkingLot, pairing,
                transaction, clock);
        this.parkingLot = parkingLot;
    }

    /** Opens the run and puts a lazy iterator over the write batches in the body. */
    public void begin(Exchange exchange, @ExchangeProperty(InboundSync.FLOW_PROPERTY) String flow) {
        RecordMapper mapper = flows.mapper(flow);
        exchange.getMessage().setBody(Collections.emptyIterator());
        runs.begin(exchange, flow, Direction.OUTBOUND).ifPresent(run -> {
            OutboundBatches batches;
            if (run.isTargeted()) {
                batches = OutboundBatches.of(flow, mapper, createWith(mapper.mapping()),
                        InboundSync.records(exchange.getMessage()), properties.writeBatchSize(), stores);
            } else {
                boolean full = "full".equals(exchange.getMessage().getHeader(SyncRunTracker.MODE_HEADER));
                Watermark from = full ? Watermark.START : stores.watermarks().get(flow, Direction.OUTBOUND);
                Optional<Instant> until = properties.settledBefore(stores.clock().instant());
                reevaluateBeforeSending(mapper.mapping(), from, until);
                batches = new OutboundBatches(flow, mapper, createWith(mapper.mapping()), from, until,
                        sizing(mapper.mapping(), from, until), stores);
            }
            exchange.setProperty(BATCHES_PROPERTY, batches);
            exchange.getMessage().setBody(batches);
        });
    }

    /**
     * Collections calls for an ordinary run. A run with more changed rows than the bulk threshold reads them in
     * pages of a bulk job's size, and each page's writes of one kind that still outnumber the threshold (rows with
     * nothing to send drop out) go out as one Bulk API 2.0 ingest job.
     */
    private OutboundBatches.Sizing sizing(EntityMapping mapping, Watermark from, Optional<Instant> until) {
        SyncProperties.Bulk settings = properties.bulk();
        if (settings.threshold() == 0 || !settings.isUsedAbove(
                stores.records().countChangedAfter(mapping, from, until, settings.threshold() + 1))) {
            return OutboundBatches.Sizing.collections(properties.writeBatchSize());
        }
        return new OutboundBatches.Sizing(Math.max(settings.jobSize(), settings.threshold() + 1),
                properties.writeBatchSize(), settings.threshold());
    }

    /**
     * Re-evaluates the partners of the rows about to go out (changed in the PRM store, which no inbound step saw),
     * so a new tier travels with its row in this run's write rather than in a second one. A partner row the
     * evaluation changes moves up in the change order and is read once, already evaluated.
     */
    private void reevaluateBeforeSending(EntityMapping mapping, Watermark from, Optional<Instant> until) {
        if (listeners.isEmpty()) {
            return;
        }
        Watermark position = from;
        for (List<PrmRow> page = stores.records().changedAfter(mapping, position, until, properties.queryPageSize());
                !page.isEmpty(); page = stores.records().changedAfter(mapping, position, until,
                properties.queryPageSize())) {
            List<String> keys = page.stream().filter(row -> !row.isDeleted()).map(PrmRow::key).toList();
            if (!keys.isEmpty()) {
                listeners.forEach(listener -> listener.recordsChanged(mapping, keys));
            }
            PrmRow last = page.get(page.size() - 1);
            position = new Watermark(last.updatedAt(), last.key());
        }
    }

    /**
     * Ids the mapping names by value (record type, lookups), which records created in Salesforce get; looked up
     * when the first record is to be created, so a run with nothing to create needs none of them.
     */
    private Supplier<Map<String, Object>> createWith(EntityMapping mapping) {
        return () -> {
            Map<String, Object> values = new java.util.LinkedHashMap<>();
            if (mapping.recordType() != null) {
                values.put("RecordTypeId", lookups.recordTypeId(mapping.sObject(), mapping.recordType()));
            }
            mapping.lookups().forEach((field, lookup) -> values.put(field,
                    lookups.id(lookup.sObject(), lookup.where())));
            return values;
        };
    }

    /** Replaces the batch in the body with the records to send and the headers the collections call needs. */
    public void toRequest(Exchange exchange, @ExchangeProperty(InboundSync.FLOW_PROPERTY) String flow)
            throws InvalidPayloadException {
        OutboundBatch batch = exchange.getMessage().getMandatoryBody(OutboundBatch.class);
        RecordMapper mapper = flows.mapper(flow);
        String sObject = mapper.mapping().sObject();
        exchange.setProperty(BATCH_PROPERTY, batch);
        Message message = exchange.getMessage();
        if (batch.bulk()) {
            // The bulk route builds its job and upload from the batch property.
            message.setHeader(WRITE_HEADER, "bulk");
            message.setBody(null);
            return;
        }
        message.setHeader(WRITE_HEADER, batch.isUpsert() ? "upsert" : "update");
        message.setHeader("sObjectName", sObject);
        message.setHeader("sObjectIdName", mapper.mapping().externalIdField());
        // allOrNone in the endpoint URI is ignored by the component; only the header is read.
        message.setHeader("allOrNone", Boolean.FALSE);
        message.setBody(batch.records().stream().map(r -> new SObjectRecord(sObject, r.fields())).toList());
    }

    /**
     * Records the per-record results Salesforce returned for the batch. A bulk job that failed or was aborted part
     * way has its results recorded first (records it never reached are sent again), then ends the run failed.
     */
    @SuppressWarnings("unchecked")
    public void applyResults(Exchange exchange, @ExchangeProperty(InboundSync.FLOW_PROPERTY) String flow)
            throws InvalidPayloadException {
        SyncRunContext run = exchange.getProperty(SyncRunContext.PROPERTY, SyncRunContext.class);
        OutboundBatch batch = exchange.getProperty(BATCH_PROPERTY, OutboundBatch.class);
        List<WriteOutcome> outcomes;
        if (batch.bulk()) {
            // The bulk route counted its calls and left one outcome per record, in the batch's order.
            outcomes = exchange.getProperty(BulkOutbound.OUTCOMES_PROPERTY, List.class);
        } else {
            SyncRunContext.countCall(exchange, apiUsage);
            outcomes = CollectionResults.outcomes(exchange.getMessage().getMandatoryBody(List.class));
        }
        int rejected = results.apply(flow, flows.mapper(flow).mapping(), batch, outcomes);
        run.countOutbound(batch.records().size(), rejected);
        runs.progress(run);
        if (batch.bulk()) {
            bulk.failureOf(exchange).ifPresent(failure -> {
                throw new BulkJobException(failure);
            });
        }
    }

    public void finish(Exchange exchange, @ExchangeProperty(InboundSync.FLOW_PROPERTY) String flow) {
        SyncRunContext run = exchange.getProperty(SyncRunContext.PROPERTY, SyncRunContext.class);
        // Reached only when every batch was written (the split stops the route on a failure).
        OutboundBatches batches = exchange.getProperty(BATCHES_PROPERTY, OutboundBatches.class);
        if (!run.isTargeted()) {
            stores.transaction().executeWithoutResult(tx -> stores.watermarks().save(flow, Direction.OUTBOUND,
                    batches.reached(), stores.clock().instant()));
        }
        run.countExpired(parkingLot.expire(flow, Direction.OUTBOUND));
        runs.finish(exchange);
    }
}
