package io.prmsync.salesforce;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.FieldMapping;
import io.prmsync.store.Watermark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the SOQL that reads one flow's records changed after a watermark, deleted ones included. */
public final class InboundQuery {

    static final Set<String> SYSTEM_FIELDS = Set.of("Id", "SystemModstamp", "LastModifiedDate", "IsDeleted");

    private InboundQuery() {}

    /**
     * Records strictly after {@code after} in (SystemModstamp, Id) order. A plain {@code >} on the stamp would
     * lose the rest of a group of records sharing one stamp when a page or a run ends inside it.
     */
    public static String changedAfter(EntityMapping mapping, Watermark after) {
        return changedAfter(mapping, after, Optional.empty());
    }

    /** The same, leaving out records stamped at or after {@code until} (still settling) for the next run. */
    public static String changedAfter(EntityMapping mapping, Watermark after, Optional<Instant> until) {
        return changedAfterInAnyOrder(mapping, after, until) + " ORDER BY SystemModstamp ASC, Id ASC";
    }

    /**
     * The same records for a Bulk API 2.0 query job, which answers in no set order: ORDER BY would only switch
     * off the primary-key chunking that makes large jobs fast.
     */
    public static String changedAfterInAnyOrder(EntityMapping mapping, Watermark after, Optional<Instant> until) {
        StringBuilder soql = select(mapping);
        List<String> conditions = flowConditions(mapping);
        until.ifPresent(instant -> conditions.add("SystemModstamp < " + Soql.literal(instant)));
        if (!conditions.isEmpty()) {
            soql.append(conditions.stream().collect(Collectors.joining(" AND ", "(", ") AND ")));
        }
        if (after.recordId().isEmpty()) {
            soql.append("SystemModstamp >= ").append(Soql.literal(after.stamp()));
        } else {
            String stamp = Soql.literal(after.stamp());
            soql.append("(SystemModstamp > ")
                    .append(stamp)
                    .append(" OR (SystemModstamp = ")
                    .append(stamp)
                    .append(" AND Id > ")
                    .append(Soql.id(after.recordId()))
                    .append("))");
        }
        return soql.toString();
    }

    /**
     * The flow's records among {@code ids}, deleted ones included: a webhook names records, and their current
     * state is read from Salesforce rather than taken from the webhook. Ids not shaped like Salesforce ids are
     * refused, so they cannot change the query.
     */
    public static String byIds(EntityMapping mapping, List<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("No record ids to read");
        }
        List<String> conditions = flowConditions(mapping);
        conditions.add("Id IN (" + ids.stream().map(Soql::id).collect(Collectors.joining(", ")) + ")");
        return select(mapping)
                .append(String.join(" AND ", conditions))
                .append(" ORDER BY SystemModstamp ASC, Id ASC")
                .toString();
    }

    /**
     * The ids of every live record of the flow (not deleted), for finding deletions the recycle bin forgot; in no
     * particular order (the comparison happens in the store).
     */
    public static String liveIds(EntityMapping mapping) {
        List<String> conditions = flowConditions(mapping);
        return "SELECT Id, SystemModstamp, LastModifiedDate FROM " + mapping.sObject()
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
    }

    private static StringBuilder select(EntityMapping mapping) {
        Set<String> fields = new LinkedHashSet<>(List.of(
                "Id",
                "SystemModstamp",
                "LastModifiedDate",
                "IsDeleted",
                // A record born in Salesforce keeps its birthday in the PRM store (created_at): when a
                // partner joined, when a deal was registered.
                "CreatedDate",
                mapping.externalIdField()));
        mapping.fields().stream().map(FieldMapping::salesforceField).forEach(fields::add);
        return new StringBuilder("SELECT ")
                .append(String.join(", ", fields))
                .append(" FROM ")
                .append(mapping.sObject())
                .append(" WHERE ");
    }

    /** What makes a record of the object part of the flow: its record filter, record type, external id. */
    private static List<String> flowConditions(EntityMapping mapping) {
        List<String> conditions = new ArrayList<>();
        mapping.recordFilter().forEach((field, value) -> conditions.add(field + " = " + Soql.literal(value)));
        if (mapping.recordType() != null) {
            conditions.add("RecordType.DeveloperName = " + Soql.literal(mapping.recordType()));
        }
        if (!mapping.createInPrm()) {
            conditions.add(mapping.externalIdField() + " != null");
        }
        return conditions;
    }
}
