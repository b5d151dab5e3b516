package io.prmsync.sync.ops;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.FieldMapping;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.mapping.RecordValues;
import io.prmsync.mapping.SalesforceRecord;
import io.prmsync.mapping.TooLongValues;
import io.prmsync.salesforce.InboundQuery;
import io.prmsync.salesforce.OrgLookups;
import io.prmsync.salesforce.SalesforceGateway;
import io.prmsync.store.DeadLetterRepository;
import io.prmsync.store.PrmRecords;
import io.prmsync.store.PrmRow;
import io.prmsync.store.RecordSyncState;
import io.prmsync.store.SyncStateRepository;
import io.prmsync.store.Watermark;
import io.prmsync.sync.run.SyncFlows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Compares both sides of a flow record by record and field by field: which live PRM rows Salesforce lacks, which
 * Salesforce records the PRM store lacks, and which mapped fields differ. Read-only; useful to an admin after an
 * outage, and the oracle of the fault tests. Differences on a record with an open dead letter are counted as
 * explained. Reference fields are compared by presence only (their ids differ by design between the sides).
 */
@Component
public class Reconciliation {

    static final int LISTED = 100;

    /** One differing field: the PRM store's value and Salesforce's, as the mapping renders them. */
    public record FieldDifference(String field, String prm, String salesforce) {}

    public record Differing(String prmKey, String salesforceId, List<FieldDifference> fields) {}

    /**
     * @param unexplained differences not covered by an open dead letter: zero when the sides agree
     */
    public record Report(
            String flow,
            long prmRecords,
            long salesforceRecords,
            long matched,
            long missingInSalesforceCount,
            List<String> missingInSalesforce,
            long missingInPrmCount,
            List<String> missingInPrm,
            long differingCount,
            List<Differing> differing,
            long duplicatesInSalesforce,
            long explainedByDeadLetters,
            long unexplained) {

        public boolean agree() {
            return unexplained == 0;
        }
    }

    private final SyncFlows flows;
    private final SalesforceGateway gateway;
    private final PrmRecords records;
    private final SyncStateRepository states;
    private final DeadLetterRepository deadLetters;
    private final OrgLookups lookups;

    Reconciliation(
            SyncFlows flows,
            SalesforceGateway salesforce,
            PrmRecords records,
            SyncStateRepository states,
            DeadLetterRepository deadLetters,
            OrgLookups lookups) {
        this.flows = flows;
        this.gateway = salesforce;
        this.records = records;
        this.states = states;
        this.deadLetters = deadLetters;
        this.lookups = lookups;
    }

    public Report reconcile(String flow) {
        RecordMapper mapper = flows.mapper(flow);
        EntityMapping mapping = mapper.mapping();
        List<FieldMapping> compared =
                mapping.fields().stream().filter(f -> !f.isReference()).toList();

        Map<String, RecordValues> prm = new HashMap<>();
        Watermark position = Watermark.START;
        for (List<PrmRow> page = records.changedAfter(mapping, position, Optional.empty(), 2000);
                !page.isEmpty();
                page = records.changedAfter(mapping, position, Optional.empty(), 2000)) {
            page.stream()
                    .filter(row -> !row.isDeleted())
                    .forEach(row -> prm.put(row.key(), mapper.fromPrm(row.columns())));
            PrmRow last = page.get(page.size() - 1);
            position = new Watermark(last.updatedAt(), last.key());
        }

        Map<String, SalesforceRecord> salesforce = new HashMap<>();
        long[] duplicates = {0};
        long[] salesforceCount = {0};
        List<SalesforceRecord> unkeyed = new ArrayList<>();
        gateway.calls().forEachPage(InboundQuery.changedAfter(mapping, Watermark.START), page -> {
            for (SalesforceRecord record : page.records()) {
                salesforceCount[0]++;
                Object key = record.value(mapping.externalIdField());
                if (key == null) {
                    unkeyed.add(record);
                } else if (salesforce.putIfAbsent(key.toString(), record) != null) {
                    duplicates[0]++;
                }
            }
        });
        // Records born in Salesforce before their PRM key was stamped on them are known by sync state.
        Map<String, RecordSyncState> bySfId = states.findBySfIds(
                mapping.entity(), unkeyed.stream().map(SalesforceRecord::id).toList());
        List<String> missingInPrm = new ArrayList<>();
        for (SalesforceRecord record : unkeyed) {
            RecordSyncState state = bySfId.get(record.id());
            if (state == null || salesforce.putIfAbsent(state.prmKey(), record) != null) {
                missingInPrm.add(record.id());
            }
        }

        List<String> missingInSalesforce = new ArrayList<>();
        List<Differing> differing = new ArrayList<>();
        long matched = 0;
        for (Map.Entry<String, RecordValues> row : prm.entrySet()) {
            SalesforceRecord record = salesforce.get(row.getKey());
            if (record == null) {
                missingInSalesforce.add(row.getKey());
                continue;
            }
            matched++;
            RecordValues theirs = mapper.fromSalesforce(record);
            List<FieldDifference> fields = new ArrayList<>();
            for (FieldMapping field : compared) {
                if (!row.getValue().sameAs(theirs, field)
                        && !cutAsMappingSays(mapping, field, row.getValue(), theirs)) {
                    fields.add(new FieldDifference(
                            field.prmColumn(),
                            row.getValue().rendered(field.prmColumn()),
                            theirs.rendered(field.prmColumn())));
                }
            }
            if (!fields.isEmpty()) {
                differing.add(new Differing(row.getKey(), record.id(), fields));
            }
        }
        salesforce.forEach((key, record) -> {
            if (!prm.containsKey(key)) {
                missingInPrm.add(record.id());
            }
        });

        Set<String> letters = new HashSet<>(deadLetters.openKeys(flow));
        long explained = missingInSalesforce.stream().filter(letters::contains).count()
                + differing.stream().filter(d -> letters.contains(d.prmKey())).count()
                + missingInPrm.stream().filter(letters::contains).count();
        long unexplained =
                missingInSalesforce.size() + missingInPrm.size() + differing.size() + duplicates[0] - explained;
        return new Report(
                flow,
                prm.size(),
                salesforceCount[0],
                matched,
                missingInSalesforce.size(),
                first(missingInSalesforce),
                missingInPrm.size(),
                first(missingInPrm),
                differing.size(),
                first(differing),
                duplicates[0],
                explained,
                unexplained);
    }

    private static <T> List<T> first(List<T> items) {
        return List.copyOf(items.subList(0, Math.min(LISTED, items.size())));
    }

    /** A value the mapping cuts to what its Salesforce field holds agrees when Salesforce holds it cut. */
    private boolean cutAsMappingSays(EntityMapping mapping, FieldMapping field, RecordValues prm, RecordValues theirs) {
        if (!field.truncatesTooLongValues()
                || !(prm.get(field.prmColumn()) instanceof String text)
                || !(theirs.get(field.prmColumn()) instanceof String held)) {
            return false;
        }
        Integer most = lookups.textLengths(mapping.sObject())
                .get(field.salesforceField().toLowerCase(java.util.Locale.ROOT));
        return most != null && TooLongValues.cut(text, most).equals(held);
    }
}
