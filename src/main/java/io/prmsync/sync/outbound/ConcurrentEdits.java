package io.prmsync.sync.outbound;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.FieldMapping;
import io.prmsync.mapping.FieldOwner;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.mapping.RecordValues;
import io.prmsync.mapping.SalesforceRecord;
import io.prmsync.salesforce.SalesforceCalls;
import io.prmsync.salesforce.Soql;
import io.prmsync.store.ConflictRepository;
import io.prmsync.store.FieldChangeStamps;
import io.prmsync.store.RecordSyncState;
import io.prmsync.sync.LatestWins;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Latest-wins fields an update is about to send that Salesforce may have changed too since both sides last
 * agreed: an outbound run that comes before the inbound run would otherwise overwrite a later Salesforce edit
 * without anyone seeing it. The records' current values are read first (in composite calls of five queries of
 * about 450 ids each, and only for records that send such a field); a field changed on both sides to different values is a conflict, decided
 * and recorded as the inbound run decides it, and a field Salesforce wins is left out of the write: the next
 * inbound run brings its value to the PRM store.
 */
@Component
class ConcurrentEdits {

    private final FieldChangeStamps fieldChanges;
    private final ConflictRepository conflicts;
    private final Clock clock;

    ConcurrentEdits(FieldChangeStamps fieldChanges, ConflictRepository conflicts, Clock clock) {
        this.fieldChanges = fieldChanges;
        this.conflicts = conflicts;
        this.clock = clock;
    }

    /** The batch with the fields Salesforce wins taken out of its records' writes. */
    OutboundBatch settle(RecordMapper mapper, OutboundBatch batch, SalesforceCalls salesforce) {
        if (batch.isUpsert()) {
            return batch;
        }
        Map<OutboundRecord, List<FieldMapping>> contested = new LinkedHashMap<>();
        for (OutboundRecord record : batch.records()) {
            List<FieldMapping> fields = contestedFields(mapper.mapping(), record);
            if (!fields.isEmpty()) {
                contested.put(record, fields);
            }
        }
        if (contested.isEmpty()) {
            return batch;
        }
        Map<String, SalesforceRecord> current = read(mapper.mapping(), contested, salesforce);
        List<OutboundRecord> settled = new ArrayList<>(batch.records().size());
        for (OutboundRecord record : batch.records()) {
            SalesforceRecord now = current.get(record.sfId());
            settled.add(
                    now == null
                            ? record
                            : settle(mapper.mapping(), record, contested.getOrDefault(record, List.of()), now));
        }
        return new OutboundBatch(batch.kind(), settled, batch.through(), batch.bulk());
    }

    /** Latest-wins fields the record sends (the PRM store changed them) that both sides agreed on before. */
    private static List<FieldMapping> contestedFields(EntityMapping mapping, OutboundRecord record) {
        if (record.state() == null
                || record.sfId() == null
                || RecordSyncState.DEACTIVATED.equals(record.outboundHash())) {
            return List.of();
        }
        return mapping.fields().stream()
                // A reference is sent as the parent's Salesforce id but agreed as its PRM key: not comparable here.
                .filter(f -> f.owner() == FieldOwner.LATEST_WINS && !f.isRelationshipPath() && !f.isReference())
                .filter(f -> record.fields().containsKey(f.salesforceField()))
                .filter(f -> record.state().baseValues().containsKey(f.prmColumn()))
                .toList();
    }

    private static Map<String, SalesforceRecord> read(
            EntityMapping mapping, Map<OutboundRecord, List<FieldMapping>> contested, SalesforceCalls salesforce) {
        Set<String> fields = new LinkedHashSet<>(List.of("Id", "SystemModstamp", "LastModifiedDate"));
        contested.values().forEach(list -> list.forEach(f -> fields.add(f.salesforceField())));
        List<String> ids =
                contested.keySet().stream().map(OutboundRecord::sfId).distinct().toList();
        List<String> queries = Soql.inLists(ids, Soql.MAX_IN_LIST_CHARACTERS_IN_BODY).stream()
                .map(group -> "SELECT " + String.join(", ", fields) + " FROM " + mapping.sObject() + " WHERE Id IN ("
                        + String.join(", ", group) + ")")
                .toList();
        Map<String, SalesforceRecord> records = new HashMap<>();
        salesforce.forEachPageOfAll(queries, page -> page.records().forEach(r -> records.put(r.id(), r)));
        return records;
    }

    private OutboundRecord settle(
            EntityMapping mapping, OutboundRecord record, List<FieldMapping> fields, SalesforceRecord now) {
        Map<String, Object> sending = record.fields();
        for (FieldMapping field : fields) {
            String column = field.prmColumn();
            Object salesforceValue = canonical(field, now);
            String inSalesforce = new RecordValues(salesforceValue == null ? Map.of() : Map.of(column, salesforceValue))
                    .rendered(column);
            String agreedBefore = record.state().baseValues().get(column);
            if (inSalesforce.equals(agreedBefore)
                    || inSalesforce.equals(record.agreed().get(column))) {
                continue;
            }
            Instant prmChangedAt = fieldChanges
                    .changedAt(mapping.prmTable(), record.prmKey(), column)
                    .orElse(record.prmUpdatedAt());
            boolean salesforceWins = LatestWins.salesforceWins(prmChangedAt, now.lastModifiedDate());
            if (!conflicts.isRecorded(mapping.entity(), record.prmKey(), column, salesforceValue)) {
                conflicts.record(
                        mapping.entity(),
                        record.prmKey(),
                        column,
                        salesforceValue,
                        record.fields().get(field.salesforceField()),
                        salesforceWins ? "salesforce" : "prm",
                        clock.instant());
            }
            if (salesforceWins) {
                sending = new LinkedHashMap<>(sending);
                sending.remove(field.salesforceField());
            }
        }
        return sending == record.fields() ? record : record.sending(sending);
    }

    /** Salesforce's value in canonical form; one that does not fit its column counts as a change by Salesforce. */
    private static Object canonical(FieldMapping field, SalesforceRecord record) {
        Object raw = record.value(field.salesforceField());
        try {
            return field.type().canonical(raw);
        } catch (RuntimeException e) {
            return raw;
        }
    }
}
