package io.prmsync.sync.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.cluster.FlowTransactions;
import io.prmsync.mapping.DeletePolicy;
import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.FieldMapping;
import io.prmsync.mapping.FieldOwner;
import io.prmsync.mapping.MappingException;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.mapping.RecordValues;
import io.prmsync.mapping.SalesforceRecord;
import io.prmsync.mapping.ValueType;
import io.prmsync.store.ConflictRepository;
import io.prmsync.store.DeadLetter;
import io.prmsync.store.DeadLetterRepository;
import io.prmsync.store.Direction;
import io.prmsync.store.FieldChangeStamps;
import io.prmsync.store.ParkedRecordRepository;
import io.prmsync.store.PrmRecords;
import io.prmsync.store.PrmRow;
import io.prmsync.store.RecordSyncState;
import io.prmsync.store.SyncStateRepository;
import io.prmsync.store.Watermark;
import io.prmsync.store.WatermarkRepository;
import io.prmsync.sync.InboundDecision;
import io.prmsync.sync.LatestWins;
import io.prmsync.sync.Payloads;
import io.prmsync.sync.RecordsChangedListener;
import io.prmsync.sync.References;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Applies one page of Salesforce records to the PRM store. Rows, per-record state, dead letters and the
 * watermark are written in one transaction: after a crash the page is either wholly applied or read again.
 */
@Component
public class InboundApplier {

    /** PRM key given to a record born in Salesforce; derived from its id so a replay finds the same row. */
    static final String SALESFORCE_BORN_PREFIX = "SF-";

    private final PrmRecords records;
    private final SyncStateRepository states;
    private final WatermarkRepository watermarks;
    private final DeadLetterRepository deadLetters;
    private final ConflictRepository conflicts;
    private final FieldChangeStamps fieldChanges;
    private final References references;
    private final ParkedRecordRepository parked;
    private final ObjectMapper json;
    private final FlowTransactions transaction;
    private final Clock clock;
    private final List<RecordsChangedListener> listeners;

    InboundApplier(
            List<RecordsChangedListener> listeners,
            PrmRecords records,
            SyncStateRepository states,
            WatermarkRepository watermarks,
            DeadLetterRepository deadLetters,
            ConflictRepository conflicts,
            FieldChangeStamps fieldChanges,
            References references,
            ParkedRecordRepository parked,
            ObjectMapper json,
            FlowTransactions transaction,
            Clock clock) {
        this.listeners = listeners;
        this.references = references;
        this.parked = parked;
        this.json = json;
        this.records = records;
        this.states = states;
        this.watermarks = watermarks;
        this.deadLetters = deadLetters;
        this.conflicts = conflicts;
        this.fieldChanges = fieldChanges;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Applies a page read in watermark order and moves the watermark to its last record. */
    public Map<InboundDecision, Integer> apply(String flow, RecordMapper mapper, List<SalesforceRecord> page) {
        return apply(flow, mapper, page, true);
    }

    /**
     * Applies records read out of watermark order (parked ones, those a webhook named, a bulk query's results),
     * leaving the watermark where it is.
     */
    public Map<InboundDecision, Integer> reapply(String flow, RecordMapper mapper, List<SalesforceRecord> records) {
        return apply(flow, mapper, records, false);
    }

    /**
     * A page the store refuses as a whole (a constraint the mapping could not foresee) is applied record by
     * record instead, so one bad record becomes a dead letter rather than stopping the flow for good.
     */
    private Map<InboundDecision, Integer> apply(
            String flow, RecordMapper mapper, List<SalesforceRecord> page, boolean advanceWatermark) {
        if (page.isEmpty()) {
            return Map.of();
        }
        try {
            return transaction.execute(flow, tx -> applyInTransaction(flow, mapper, page, advanceWatermark));
        } catch (DataIntegrityViolationException pageRefused) {
            Map<InboundDecision, Integer> counts = new EnumMap<>(InboundDecision.class);
            for (SalesforceRecord record : page) {
                InboundDecision decision = applyAlone(flow, mapper, record);
                counts.merge(decision, 1, Integer::sum);
            }
            if (advanceWatermark) {
                SalesforceRecord last = page.get(page.size() - 1);
                transaction.executeWithoutResult(
                        flow,
                        tx -> watermarks.save(
                                flow,
                                Direction.INBOUND,
                                new Watermark(last.systemModstamp(), last.id()),
                                clock.instant()));
            }
            return counts;
        }
    }

    private InboundDecision applyAlone(String flow, RecordMapper mapper, SalesforceRecord record) {
        try {
            return transaction
                    .execute(flow, tx -> applyInTransaction(flow, mapper, List.of(record), false))
                    .keySet()
                    .stream()
                    .findFirst()
                    .orElse(InboundDecision.UNCHANGED);
        } catch (DataIntegrityViolationException refused) {
            Throwable cause = refused.getMostSpecificCause();
            transaction.executeWithoutResult(
                    flow,
                    tx -> deadLetters.add(
                            new DeadLetter(
                                    flow,
                                    Direction.INBOUND,
                                    record.id(),
                                    Payloads.json(json, record.fields()),
                                    "STORE_CONSTRAINT",
                                    cause.getMessage()),
                            clock.instant()));
            return InboundDecision.REJECTED;
        }
    }

    private Map<InboundDecision, Integer> applyInTransaction(
            String flow, RecordMapper mapper, List<SalesforceRecord> page, boolean advanceWatermark) {
        EntityMapping mapping = mapper.mapping();
        Instant now = clock.instant();
        Map<String, RecordSyncState> stateBySfId = states.findBySfIds(
                mapping.entity(), page.stream().map(SalesforceRecord::id).toList());
        Map<String, String> keyBySfId = new LinkedHashMap<>();
        List<String> keysToWriteBack = new ArrayList<>();
        for (SalesforceRecord record : page) {
            RecordSyncState paired = stateBySfId.get(record.id());
            String key = prmKey(mapping, record, paired);
            keyBySfId.put(record.id(), key);
            Object externalId = record.value(mapping.externalIdField());
            if (paired != null && !record.deleted() && externalId != null && !key.equals(externalId.toString())) {
                // Someone edited the external id in Salesforce: the pairing stands and the key goes back.
                keysToWriteBack.add(key);
                if (!conflicts.isRecorded(mapping.entity(), key, mapping.externalIdField(), externalId)) {
                    conflicts.record(mapping.entity(), key, mapping.externalIdField(), externalId, key, "prm", now);
                }
            }
        }
        Map<String, PrmRow> rows = records.findByKeys(mapping, keyBySfId.values());
        Map<String, RecordSyncState> stateByKey = states.findByPrmKeys(mapping.entity(), keyBySfId.values());

        Map<String, Map<String, String>> parents = references.toPrmKeys(
                mapping, page.stream().map(SalesforceRecord::fields).toList());
        List<Optional<SalesforceRecord>> resolvedPage = page.stream()
                .map(record -> withParentKeys(mapper, record, parents))
                .toList();
        List<Translated> translated = translate(mapper, resolvedPage, keyBySfId);
        PageChanges changes = new PageChanges();
        for (int i = 0; i < page.size(); i++) {
            SalesforceRecord original = page.get(i);
            String key = keyBySfId.get(original.id());
            InboundDecision decision;
            try {
                Optional<SalesforceRecord> resolved = resolvedPage.get(i);
                if (resolved.isEmpty()) {
                    park(flow, mapping, original, now);
                    changes.parked.add(original.id());
                    changes.count(InboundDecision.PARKED);
                    continue;
                }
                SalesforceRecord record = resolved.get();
                decision = decide(
                        mapper, record, translated.get(i), key, rows.get(key), stateByKey.get(key), changes, now);
                if (decision == InboundDecision.PARKED) {
                    park(flow, mapping, original, now);
                    changes.parked.add(original.id());
                }
            } catch (MappingException e) {
                deadLetters.add(
                        new DeadLetter(
                                flow,
                                Direction.INBOUND,
                                original.id(),
                                Payloads.json(json, original.fields()),
                                "MAPPING_ERROR",
                                e.getMessage()),
                        now);
                decision = InboundDecision.REJECTED;
            }
            changes.count(decision);
        }
        for (String key : keysToWriteBack) {
            // Sent again whatever else changed: an unknown outbound hash makes the next outbound run write the key.
            RecordSyncState state = changes.states.getOrDefault(key, stateByKey.get(key));
            if (state != null) {
                changes.states.put(key, state.withOutbound(state.sfId(), null, state.baseValues()));
            }
        }
        records.touch(mapping, keysToWriteBack, now);
        records.insertAll(mapping, changes.inserts, changes.bornAt, now);
        records.updateAll(mapping, mapper.inboundFields(), changes.updates, now);
        records.markDeleted(mapping, changes.deletes, now);
        List<String> written = new ArrayList<>(changes.inserts.keySet());
        written.addAll(changes.updates.keySet());
        written.addAll(changes.deletes);
        // Stamped too: marked due with the others, so every row an apply stamps has its evaluation to come (an
        // outbound run does not evaluate a row whose last write was an inbound apply).
        keysToWriteBack.stream().filter(key -> !written.contains(key)).forEach(written::add);
        if (!written.isEmpty()) {
            listeners.forEach(listener -> listener.recordsChanged(flow, mapping, written));
        }
        states.saveAll(changes.states.values(), stateByKey.keySet(), Direction.INBOUND, now);
        deadLetters.resolve(
                flow,
                Direction.INBOUND,
                changes.states.values().stream()
                        .map(RecordSyncState::sfId)
                        .filter(Objects::nonNull)
                        .toList(),
                now);
        // Whatever became of a record read now (applied, deleted, refused), an older parked copy is stale.
        parked.release(
                flow,
                Direction.INBOUND,
                page.stream()
                        .map(SalesforceRecord::id)
                        .filter(id -> !changes.parked.contains(id))
                        .toList());
        if (advanceWatermark) {
            SalesforceRecord last = page.get(page.size() - 1);
            watermarks.save(flow, Direction.INBOUND, new Watermark(last.systemModstamp(), last.id()), now);
        }
        return changes.counts;
    }

    /**
     * The record with each parent lookup replaced by the parent's PRM key, or empty when a parent is not paired
     * yet. Deleted records need no parent.
     */
    private static Optional<SalesforceRecord> withParentKeys(
            RecordMapper mapper, SalesforceRecord record, Map<String, Map<String, String>> parents) {
        if (record.deleted() || mapper.references().isEmpty()) {
            return Optional.of(record);
        }
        Map<String, Object> fields = new LinkedHashMap<>(record.fields());
        for (FieldMapping reference : mapper.references()) {
            Object parentId = record.value(reference.salesforceField());
            if (parentId != null) {
                String parentKey = parents.get(reference.prmColumn()).get(parentId.toString());
                if (parentKey == null) {
                    return Optional.empty();
                }
                fields.put(reference.salesforceField(), parentKey);
            }
        }
        return Optional.of(new SalesforceRecord(
                record.sObject(), record.id(), record.systemModstamp(), record.lastModifiedDate(), false, fields));
    }

    private void park(String flow, EntityMapping mapping, SalesforceRecord record, Instant now) {
        String parentIds = mapping.createInPrm()
                ? mapping.references().stream()
                        .map(f -> String.valueOf(record.value(f.salesforceField())))
                        .collect(Collectors.joining(","))
                : String.valueOf(record.value(mapping.externalIdField()));
        Map<String, Object> payload = new LinkedHashMap<>(record.fields());
        payload.put("attributes", Map.of("type", record.sObject()));
        parked.park(flow, Direction.INBOUND, record.id(), parentIds, Payloads.json(json, payload), now);
    }

    /**
     * A record's values in canonical form with what its sync state keeps of them, or why they cannot be read
     * (raised only if the record gets as far as needing them: a record the PRM store deleted is left alone).
     */
    private record Translated(
            RecordValues incoming,
            String inboundHash,
            String outboundHash,
            Map<String, String> agreed,
            MappingException failure) {

        Translated orThrow() {
            if (failure != null) {
                throw failure;
            }
            return this;
        }
    }

    /** Below this many records a page translates on this thread: handing work to other cores costs more. */
    public static final int TRANSLATE_IN_PARALLEL_FROM = 64;

    /**
     * Translates the page's live records, in page order (null for a record parked or deleted). Plain computation
     * record by record (conversions and two SHA-256 hashes), a fifth of an apply: spread over the cores, while the
     * store's work stays on this thread, in its transaction.
     */
    private static List<Translated> translate(
            RecordMapper mapper, List<Optional<SalesforceRecord>> resolvedPage, Map<String, String> keyBySfId) {
        java.util.stream.IntStream indexes = java.util.stream.IntStream.range(0, resolvedPage.size());
        if (resolvedPage.size() >= TRANSLATE_IN_PARALLEL_FROM) {
            indexes = indexes.parallel();
        }
        return indexes.mapToObj(i -> resolvedPage
                        .get(i)
                        .filter(record -> !record.deleted())
                        .map(record -> translate(mapper, record, keyBySfId.get(record.id())))
                        .orElse(null))
                .toList();
    }

    private static Translated translate(RecordMapper mapper, SalesforceRecord record, String key) {
        try {
            RecordValues incoming = mapper.fromSalesforce(record);
            // Salesforce lacking our external id must be stamped with it, so leave the outbound hash unknown.
            String outboundHash =
                    key.equals(record.value(mapper.mapping().externalIdField())) ? mapper.outboundHash(incoming) : null;
            return new Translated(
                    incoming, mapper.inboundHash(incoming), outboundHash, mapper.agreedValues(incoming), null);
        } catch (MappingException unreadable) {
            return new Translated(null, null, null, null, unreadable);
        }
    }

    private InboundDecision decide(
            RecordMapper mapper,
            SalesforceRecord record,
            Translated translated,
            String key,
            PrmRow row,
            RecordSyncState state,
            PageChanges changes,
            Instant now) {
        EntityMapping mapping = mapper.mapping();
        if (record.deleted()) {
            boolean delete = row != null
                    && !row.isDeleted()
                    && mapping.deletes().fromSalesforce() == DeletePolicy.FromSalesforce.SOFT_DELETE;
            if (delete) {
                changes.deletes.add(key);
                // Nothing to deactivate in Salesforce any more; remember who deleted the row.
                changes.states.put(
                        key,
                        new RecordSyncState(
                                mapping.entity(),
                                key,
                                record.id(),
                                RecordSyncState.DELETED_IN_SALESFORCE,
                                RecordSyncState.DEACTIVATED,
                                state == null ? null : state.baseValues()));
            }
            return delete ? InboundDecision.DELETED : InboundDecision.UNCHANGED;
        }
        boolean deletedInSalesforce =
                state != null && RecordSyncState.DELETED_IN_SALESFORCE.equals(state.inboundHash());
        if (row != null && row.isDeleted() && !deletedInSalesforce) {
            // The PRM store deleted it; a Salesforce change must not bring it back.
            return InboundDecision.UNCHANGED;
        }
        Translated values = translated.orThrow();
        RecordValues incoming = values.incoming();
        String inboundHash = values.inboundHash();
        String outboundHash = values.outboundHash();
        if (row == null && !mapping.createInPrm()) {
            // The row this record updates is not in the PRM store yet (its deal still on its way): wait for it.
            return InboundDecision.PARKED;
        }
        if (row == null) {
            mapper.requireComplete(incoming, record.id());
            changes.remember(mapping, key, record, inboundHash, outboundHash, values.agreed());
            changes.inserts.put(key, incoming);
            bornAt(record).ifPresent(born -> changes.bornAt.put(key, born));
            return InboundDecision.CREATED;
        }
        if (state != null && inboundHash.equals(state.inboundHash()) && !row.isDeleted()) {
            return InboundDecision.UNCHANGED;
        }
        RecordValues current = mapper.fromPrm(row.columns());
        RecordValues merged = merge(mapper, record, row, state, current, incoming, now);
        mapper.requireComplete(merged, record.id());
        // Agreed is what Salesforce holds: a PRM edit that won must still differ from it, or it never goes out.
        changes.remember(mapping, key, record, inboundHash, outboundHash, values.agreed());
        boolean fieldsChanged = mapper.inboundFields().stream().anyMatch(f -> !merged.sameAs(current, f));
        if (!fieldsChanged && !row.isDeleted()) {
            return InboundDecision.UNCHANGED;
        }
        changes.updates.put(key, merged);
        return InboundDecision.UPDATED;
    }

    /**
     * Salesforce-owned fields take Salesforce's value. A latest-wins field takes the value of the side that changed
     * it since the last agreed value; changed on both sides to different values it is a conflict: the later change
     * wins (a tie goes to Salesforce) and the conflict is recorded.
     */
    private RecordValues merge(
            RecordMapper mapper,
            SalesforceRecord record,
            PrmRow row,
            RecordSyncState state,
            RecordValues current,
            RecordValues incoming,
            Instant now) {
        EntityMapping mapping = mapper.mapping();
        Map<String, Object> merged = new HashMap<>(current.values());
        Map<String, String> agreed = state == null ? Map.of() : state.baseValues();
        for (FieldMapping field : mapper.inboundFields()) {
            String column = field.prmColumn();
            boolean takeSalesforce = true;
            if (field.owner() == FieldOwner.LATEST_WINS && agreed.containsKey(column)) {
                boolean salesforceChanged = !incoming.rendered(column).equals(agreed.get(column));
                boolean prmChanged = !current.rendered(column).equals(agreed.get(column));
                takeSalesforce = salesforceChanged;
                if (salesforceChanged && prmChanged && !incoming.sameAs(current, field)) {
                    Instant prmChangedAt = fieldChanges
                            .changedAt(mapping.prmTable(), row.key(), column)
                            .orElse(row.updatedAt());
                    takeSalesforce = LatestWins.salesforceWins(prmChangedAt, record.lastModifiedDate());
                    conflicts.record(
                            mapping.entity(),
                            row.key(),
                            column,
                            incoming.get(column),
                            current.get(column),
                            takeSalesforce ? "salesforce" : "prm",
                            now);
                }
            }
            if (takeSalesforce) {
                merged.put(column, incoming.get(column));
            }
        }
        return new RecordValues(merged);
    }

    /**
     * The PRM row a record belongs to: the stored pairing first (an external id edited in Salesforce must not
     * point the record at another partner's row), else the record's external id, else a key born of its id.
     */
    private static String prmKey(EntityMapping mapping, SalesforceRecord record, RecordSyncState paired) {
        if (paired != null) {
            return paired.prmKey();
        }
        Object externalId = record.value(mapping.externalIdField());
        if (externalId != null && !externalId.toString().isBlank()) {
            return externalId.toString();
        }
        return SALESFORCE_BORN_PREFIX + record.id();
    }

    /** When Salesforce created the record, if the read selected it (records parked before it did lack it). */
    private static Optional<Instant> bornAt(SalesforceRecord record) {
        Object created = record.value("CreatedDate");
        if (created == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ValueType.parseSalesforceDateTime(created.toString()));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The writes one page adds up to, applied together at the end of the page. */
    private static final class PageChanges {
        final Map<String, RecordValues> inserts = new LinkedHashMap<>();
        final Map<String, Instant> bornAt = new java.util.HashMap<>();
        final Map<String, RecordValues> updates = new LinkedHashMap<>();
        final List<String> deletes = new ArrayList<>();
        final java.util.Set<String> parked = new java.util.HashSet<>();
        final Map<String, RecordSyncState> states = new LinkedHashMap<>();
        final Map<InboundDecision, Integer> counts = new EnumMap<>(InboundDecision.class);

        void remember(
                EntityMapping mapping,
                String key,
                SalesforceRecord record,
                String inboundHash,
                String outboundHash,
                Map<String, String> agreed) {
            states.put(key, new RecordSyncState(mapping.entity(), key, record.id(), inboundHash, outboundHash, agreed));
        }

        void count(InboundDecision decision) {
            counts.merge(decision, 1, Integer::sum);
        }
    }
}
