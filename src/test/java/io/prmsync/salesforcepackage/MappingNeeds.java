package io.prmsync.salesforcepackage;

import io.prmsync.mapping.DeletePolicy;
import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.FieldMapping;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.mapping.RecordValues;
import io.prmsync.mapping.ValueType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Salesforce objects and fields one mapping makes the service read and write. What it writes is taken from
 * the service's own {@link RecordMapper}: on a record it creates it sends every mapped field it has a value for,
 * Salesforce-owned ones included, so those need edit access as much as the fields the PRM store owns.
 */
final class MappingNeeds {

    /** A field the service reads, and maybe writes. */
    record FieldUse(String object, String field, boolean written) {}

    private MappingNeeds() {}

    static String file(EntityMapping mapping) {
        return Path.of(mapping.source()).getFileName().toString();
    }

    /** Whether the flow writes to Salesforce at all: a field flows outbound, or PRM deletions deactivate records. */
    static boolean writes(EntityMapping mapping) {
        return mapping.fields().stream().anyMatch(f -> f.owner().flowsOutbound())
                || mapping.deletes().fromPrm() == DeletePolicy.FromPrm.DEACTIVATE;
    }

    /** Objects read: the mapping's own and those its lookups find records of. */
    static Set<String> objectsRead(EntityMapping mapping) {
        Set<String> objects = new LinkedHashSet<>();
        objects.add(mapping.sObject());
        mapping.lookups().values().forEach(lookup -> objects.add(lookup.sObject()));
        return objects;
    }

    /** Every field the flow touches, relationship paths left out (they are read through the parent). */
    static List<FieldUse> fields(EntityMapping mapping) {
        Set<String> written = writes(mapping) ? written(mapping) : Set.of();
        Set<String> read = new LinkedHashSet<>();
        read.add(mapping.externalIdField());
        mapping.fields().stream()
                .filter(f -> !f.isRelationshipPath())
                .map(FieldMapping::salesforceField)
                .forEach(read::add);
        read.addAll(mapping.recordFilter().keySet());
        read.addAll(written);
        List<FieldUse> uses = new ArrayList<>();
        read.forEach(field -> uses.add(new FieldUse(mapping.sObject(), field, written.contains(field))));
        mapping.lookups()
                .values()
                .forEach(lookup -> lookup.where()
                        .keySet()
                        .forEach(field -> uses.add(new FieldUse(lookup.sObject(), field, false))));
        return uses;
    }

    private static Set<String> written(EntityMapping mapping) {
        Map<String, Object> values = new HashMap<>();
        mapping.fields().forEach(f -> values.put(f.prmColumn(), sample(f.type())));
        Set<String> written = new LinkedHashSet<>(new RecordMapper(mapping)
                .toSalesforce("key", new RecordValues(values), true)
                .keySet());
        written.addAll(mapping.deletes().deactivateWith().keySet());
        written.addAll(mapping.lookups().keySet());
        if (mapping.recordType() != null) {
            written.add("RecordTypeId");
        }
        return written;
    }

    private static Object sample(ValueType type) {
        return switch (type) {
            case TEXT -> "text";
            case BOOLEAN -> Boolean.TRUE;
            case DECIMAL -> BigDecimal.ONE;
            case INTEGER -> 1L;
            case DATE -> LocalDate.EPOCH;
            case TIMESTAMP -> Instant.EPOCH;
        };
    }
}
