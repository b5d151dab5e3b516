package io.prmsync.sync;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.store.Direction;
import io.prmsync.store.PrmRecords;
import io.prmsync.store.PrmRow;
import io.prmsync.store.RecordSyncState;
import io.prmsync.store.SyncStateRepository;
import io.prmsync.store.Watermark;
import io.prmsync.store.WatermarkRepository;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changed PRM rows as write batches, read one page at a time only when the previous batch has been handed out,
 * so memory stays flat however many rows changed. A page with nothing to send advances the watermark at once.
 */
final class OutboundBatches implements Iterator<OutboundBatch> {

    private final String flow;
    private final RecordMapper mapper;
    private final OutboundPlanner planner;
    private final int pageSize;
    private final Stores stores;
    private final Deque<OutboundBatch> ready = new ArrayDeque<>();
    private Watermark position;
    private boolean exhausted;
    private long rowsRead;

    record Stores(PrmRecords records, SyncStateRepository states, WatermarkRepository watermarks,
            TransactionTemplate transaction, Clock clock) {
    }

    OutboundBatches(String flow, RecordMapper mapper, Watermark start, int pageSize, Stores stores) {
        this.flow = flow;
        this.mapper = mapper;
        this.planner = new OutboundPlanner(mapper);
        this.position = start;
        this.pageSize = pageSize;
        this.stores = stores;
    }

    long rowsRead() {
        return rowsRead;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !exhausted) {
            readPage();
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

    private void readPage() {
        EntityMapping mapping = mapper.mapping();
        List<PrmRow> rows = stores.records().changedAfter(mapping, position, pageSize);
        if (rows.isEmpty()) {
            exhausted = true;
            return;
        }
        rowsRead += rows.size();
        PrmRow last = rows.get(rows.size() - 1);
        position = new Watermark(last.updatedAt(), last.key());
        Map<String, RecordSyncState> states =
                stores.states().findByPrmKeys(mapping.entity(), rows.stream().map(PrmRow::key).toList());
        List<OutboundRecord> upserts = new ArrayList<>();
        List<OutboundRecord> updates = new ArrayList<>();
        for (PrmRow row : rows) {
            planner.plan(row, states.get(row.key()))
                    .ifPresent(record -> (record.sfId() == null ? upserts : updates).add(record));
        }
        if (upserts.isEmpty() && updates.isEmpty()) {
            Watermark reached = position;
            stores.transaction().executeWithoutResult(tx ->
                    stores.watermarks().save(flow, Direction.OUTBOUND, reached, stores.clock().instant()));
            return;
        }
        if (!updates.isEmpty()) {
            ready.add(new OutboundBatch(OutboundBatch.WriteKind.UPDATE, updates,
                    upserts.isEmpty() ? Optional.of(position) : Optional.empty()));
        }
        if (!upserts.isEmpty()) {
            ready.add(new OutboundBatch(OutboundBatch.WriteKind.UPSERT, upserts, Optional.of(position)));
        }
    }
}
