package io.prmsync.sync.outbound;

import io.prmsync.cluster.FlowTransactions;
import io.prmsync.mapping.DeletePolicy;
import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.salesforce.ExternalIdPairing;
import io.prmsync.store.Direction;
import io.prmsync.store.PrmRecords;
import io.prmsync.store.PrmRow;
import io.prmsync.store.RecordSyncState;
import io.prmsync.store.SyncStateRepository;
import io.prmsync.store.Watermark;
import io.prmsync.store.WatermarkRepository;
import io.prmsync.sync.ParkingLot;
import io.prmsync.sync.References;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Changed PRM rows as write batches, read one page at a time only when the previous batch has been handed out,
 * so memory stays flat however many rows changed.
 *
 * <p>The iterator never writes: Camel's streaming split looks ahead (calls {@code hasNext()}) before it has sent the
 * batch it holds, so a watermark saved here could pass rows whose write then fails. A page with nothing to send
 * only moves the position that the next batch, or the end of the run ({@link #reached()}), commits.
 */
final class OutboundBatches implements Iterator<OutboundBatch> {

    private final String flow;
    private final RecordMapper mapper;
    private final OutboundPlanner planner;
    private final Sizing sizing;
    private final Stores stores;
    private final Deque<OutboundBatch> ready = new ArrayDeque<>();
    private Watermark position;
    private final Optional<Instant> until;
    private boolean exhausted;
    private boolean parkedRetried;
    private String parkedAfter = "";

    /**
     * @param rowsPerPage changed rows planned into one page of writes
     * @param rowsPerRead rows read from the store at a time while a page is planned: only the planned records of a
     *     page stay in memory, not the rows they were planned from (a bulk job's page is 25,000 rows)
     * @param recordsPerCall records per sObject Collections call
     * @param bulkAbove a page's writes of one kind go out as one bulk job when there are more than this; 0: never
     */
    record Sizing(int rowsPerPage, int rowsPerRead, int recordsPerCall, int bulkAbove) {

        Sizing {
            rowsPerRead = Math.min(rowsPerRead, rowsPerPage);
        }

        static Sizing collections(int recordsPerCall) {
            return new Sizing(recordsPerCall, recordsPerCall, recordsPerCall, 0);
        }
    }

    record Stores(
            PrmRecords records,
            SyncStateRepository states,
            WatermarkRepository watermarks,
            References references,
            ParkingLot parkingLot,
            ExternalIdPairing pairing,
            FlowTransactions transaction,
            Clock clock) {}

    OutboundBatches(
            String flow,
            RecordMapper mapper,
            Supplier<Map<String, Object>> createWith,
            Supplier<Map<String, Integer>> textLengths,
            Watermark start,
            Optional<Instant> until,
            Sizing sizing,
            Stores stores) {
        this.until = until;
        this.flow = flow;
        this.mapper = mapper;
        this.planner = new OutboundPlanner(mapper, createWith, textLengths);
        this.position = start;
        this.sizing = sizing;
        this.stores = stores;
    }

    /**
     * The batches for the named rows only (a webhook's), whatever their stamps; the parked rows and the watermark
     * are left to the scheduled runs.
     */
    static OutboundBatches of(
            String flow,
            RecordMapper mapper,
            Supplier<Map<String, Object>> createWith,
            Supplier<Map<String, Integer>> textLengths,
            List<String> keys,
            int recordsPerCall,
            Stores stores) {
        OutboundBatches batches = new OutboundBatches(
                flow,
                mapper,
                createWith,
                textLengths,
                Watermark.START,
                Optional.empty(),
                Sizing.collections(recordsPerCall),
                stores);
        Planned planned = new Planned();
        batches.plan(
                List.copyOf(stores.records().findByKeys(mapper.mapping(), keys).values()), planned);
        batches.queue(planned, Optional.empty());
        batches.exhausted = true;
        return batches;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !exhausted) {
            if (parkedRetried) {
                readPage();
            } else {
                retryParked();
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public OutboundBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** Rows parked in earlier runs go first, a page at a time; their parents may have been synced since. */
    private void retryParked() {
        List<String> keys = stores.parkingLot().outbound(flow, parkedAfter);
        if (keys.isEmpty()) {
            parkedRetried = true;
            return;
        }
        parkedAfter = keys.get(keys.size() - 1);
        Planned planned = new Planned();
        plan(List.copyOf(stores.records().findByKeys(mapper.mapping(), keys).values()), planned);
        queue(planned, Optional.empty());
    }

    /** Plans the next page of changed rows, reading them a part at a time. */
    private void readPage() {
        Planned planned = new Planned();
        int read = 0;
        while (read < sizing.rowsPerPage()) {
            int asked = Math.min(sizing.rowsPerRead(), sizing.rowsPerPage() - read);
            List<PrmRow> rows = stores.records().changedAfter(mapper.mapping(), position, until, asked);
            if (rows.isEmpty()) {
                exhausted = true;
                break;
            }
            read += rows.size();
            PrmRow last = rows.get(rows.size() - 1);
            position = new Watermark(last.updatedAt(), last.key());
            plan(rows, planned);
            if (rows.size() < asked) {
                // The end for now; the next page finds out whether rows changed meanwhile.
                break;
            }
        }
        if (read > 0) {
            queue(planned, Optional.of(position));
        }
    }

    /** Where the run got to; committed by the run's last step once every batch has been written. */
    Watermark reached() {
        return position;
    }

    /**
     * Rows without a Salesforce id that Salesforce nevertheless holds (by external id) get paired first, so they
     * are updated with the PRM store's fields only rather than created over Salesforce's values. Deleted rows too,
     * where deletions are sent: a row whose upsert reached Salesforce just before a crash lost its pairing must
     * still be deactivated there.
     */
    private void pairWithSalesforce(EntityMapping mapping, List<PrmRow> rows, Map<String, RecordSyncState> states) {
        boolean deletionsSent = mapping.deletes().fromPrm() == DeletePolicy.FromPrm.DEACTIVATE;
        List<String> unpaired = rows.stream()
                .filter(row -> deletionsSent || !row.isDeleted())
                .filter(row ->
                        states.get(row.key()) == null || states.get(row.key()).sfId() == null)
                .map(PrmRow::key)
                .toList();
        stores.pairing().existing(mapping, unpaired).forEach((key, sfId) -> {
            RecordSyncState known = states.get(key);
            states.put(
                    key,
                    known != null
                            ? known.withOutbound(sfId, known.outboundHash(), known.baseValues())
                            : new RecordSyncState(mapping.entity(), key, sfId, null, null, Map.of()));
        });
    }

    /**
     * The writes planned for a page so far, by kind. A row changed again while its page was read comes a second
     * time, from a later part: its later plan replaces the first, as one job may not name a record twice.
     */
    private static final class Planned {
        private final Map<String, OutboundRecord> upserts = new LinkedHashMap<>();
        private final Map<String, OutboundRecord> updates = new LinkedHashMap<>();

        void add(OutboundRecord record) {
            upserts.remove(record.prmKey());
            updates.remove(record.prmKey());
            (record.sfId() == null ? upserts : updates).put(record.prmKey(), record);
        }

        List<OutboundRecord> upserts() {
            return List.copyOf(upserts.values());
        }

        List<OutboundRecord> updates() {
            return List.copyOf(updates.values());
        }
    }

    /** Plans the rows' writes into {@code planned}; parks the rows waiting for a parent. */
    private void plan(List<PrmRow> rows, Planned planned) {
        EntityMapping mapping = mapper.mapping();
        Map<String, RecordSyncState> states = new HashMap<>(stores.states()
                .findByPrmKeys(mapping.entity(), rows.stream().map(PrmRow::key).toList()));
        pairWithSalesforce(mapping, rows, states);
        Map<String, Map<String, String>> parents = stores.references()
                .toSalesforceIds(mapping, rows.stream().map(PrmRow::columns).toList());
        List<String> nothingToSend = new ArrayList<>();
        for (PrmRow row : rows) {
            OutboundPlanner.Plan plan = planner.plan(row, states.get(row.key()), parents);
            if (plan instanceof OutboundPlanner.Plan.Send send) {
                planned.add(send.record());
            } else if (plan instanceof OutboundPlanner.Plan.Park park) {
                stores.parkingLot().parkOutbound(flow, row.key(), park.parentKeys());
            } else {
                nothingToSend.add(row.key());
            }
        }
        // A parked row that no longer needs sending (deleted meanwhile, say) must not wait for a parent.
        stores.parkingLot().release(flow, Direction.OUTBOUND, nothingToSend);
    }

    /** Queues a page's writes, the last batch carrying {@code through}. */
    private void queue(Planned planned, Optional<Watermark> through) {
        List<OutboundRecord> upserts = planned.upserts();
        queue(OutboundBatch.WriteKind.UPDATE, planned.updates(), upserts.isEmpty() ? through : Optional.empty());
        queue(OutboundBatch.WriteKind.UPSERT, upserts, through);
    }

    /** One bulk job when there are enough records for one, else collections calls; the last carries {@code through}. */
    private void queue(OutboundBatch.WriteKind kind, List<OutboundRecord> records, Optional<Watermark> through) {
        if (sizing.bulkAbove() > 0 && records.size() > sizing.bulkAbove()) {
            ready.add(new OutboundBatch(kind, records, through, true));
            return;
        }
        for (int from = 0; from < records.size(); from += sizing.recordsPerCall()) {
            int to = Math.min(records.size(), from + sizing.recordsPerCall());
            ready.add(new OutboundBatch(
                    kind,
                    List.copyOf(records.subList(from, to)),
                    to == records.size() ? through : Optional.empty(),
                    false));
        }
    }
}
