package io.prmsync.sync.check;

import io.prmsync.mapping.DeletePolicy;
import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.FieldMapping;
import io.prmsync.mapping.ValueType;
import io.prmsync.salesforce.ObjectDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Compares one mapping with what the org's describe says about its object: every field the mapping reads or
 * writes must exist, be visible, have a type the PRM column can hold, and be writable where the flow writes it.
 * Plain logic, no I/O: the caller brings the description, the PRM column lengths and where each field's line is.
 */
public final class MappingAgainstOrg {

    /** Salesforce field types each PRM value type can carry, as describe names them. */
    private static final Map<ValueType, Set<String>> COMPATIBLE = Map.of(
            ValueType.TEXT,
                    Set.of(
                            "string",
                            "textarea",
                            "picklist",
                            "multipicklist",
                            "combobox",
                            "email",
                            "phone",
                            "url",
                            "id",
                            "reference",
                            "encryptedstring"),
            ValueType.BOOLEAN, Set.of("boolean"),
            ValueType.DECIMAL, Set.of("double", "currency", "percent", "int"),
            ValueType.INTEGER, Set.of("int", "double", "currency", "percent"),
            ValueType.DATE, Set.of("date"),
            ValueType.TIMESTAMP, Set.of("datetime"));

    private MappingAgainstOrg() {}

    /** PRM values compared with a restricted picklist, at most; more are rare, and a sample shows the problem. */
    static final int VALUES_COMPARED = 1_000;

    /**
     * @param prm the PRM columns' lengths and values
     * @param lineOf where a field (by PRM column) or a mapping key is written, for messages
     */
    public static List<Finding> check(
            EntityMapping mapping, ObjectDescription org, PrmColumns prm, Function<String, String> lineOf) {
        List<Finding> findings = new ArrayList<>();
        String object = mapping.sObject();
        // A flow that only reads matches records by the field's value; only upserts need an External ID field.
        boolean writes = mapping.fields().stream().anyMatch(f -> f.owner().flowsOutbound())
                || mapping.deletes().fromPrm() == DeletePolicy.FromPrm.DEACTIVATE;
        org.field(mapping.externalIdField())
                .ifPresentOrElse(
                        key -> {
                            if (!key.externalId()) {
                                String message = object + "." + key.name() + " is not an External ID field, so"
                                        + " upserts by it are refused";
                                findings.add(
                                        writes
                                                ? Finding.problem(lineOf.apply("external-id"), message)
                                                : Finding.warning(lineOf.apply("external-id"), message));
                            }
                        },
                        () -> findings.add(Finding.problem(
                                lineOf.apply("external-id"), missing(object, mapping.externalIdField()))));
        mapping.recordFilter().keySet().stream()
                .filter(field -> org.field(field).isEmpty())
                .forEach(field -> findings.add(Finding.problem(lineOf.apply("record-filter"), missing(object, field))));
        for (FieldMapping field : mapping.fields()) {
            if (field.isRelationshipPath()) {
                continue; // read through a parent object; describe of this one cannot tell
            }
            String where = lineOf.apply(field.prmColumn());
            org.field(field.salesforceField())
                    .ifPresentOrElse(
                            described -> findings.addAll(checkField(mapping, field, described, prm, where)),
                            () -> findings.add(Finding.problem(where, missing(object, field.salesforceField()))));
        }
        return findings;
    }

    private static List<Finding> checkField(
            EntityMapping mapping,
            FieldMapping field,
            ObjectDescription.Field described,
            PrmColumns prmColumns,
            String where) {
        List<Finding> findings = new ArrayList<>();
        String name = mapping.sObject() + "." + described.name();
        if (!COMPATIBLE.getOrDefault(field.type(), Set.of()).contains(described.type())) {
            String message = name + " is of type " + described.type() + ", which the PRM column " + field.prmColumn()
                    + " (" + field.type().name().toLowerCase() + ") cannot carry";
            // A text column takes any value as its text form: odd, but it works.
            findings.add(
                    field.type() == ValueType.TEXT
                            ? Finding.warning(where, message + " except as text")
                            : Finding.problem(where, message));
            return findings;
        }
        if (field.owner().flowsOutbound() && !described.updateable()) {
            findings.add(Finding.problem(
                    where,
                    name + " is not updateable by the integration user, and the mapping writes it (owner "
                            + field.owner().name().toLowerCase().replace('_', '-') + ")"));
        } else if (field.owner().flowsOutbound() && !described.createable()) {
            findings.add(Finding.warning(where, name + " is not createable: records the flow creates go without it"));
        }
        if (field.owner().flowsInbound()
                && described.calculated()
                && field.recheckEvery().isEmpty()) {
            findings.add(Finding.problem(
                    where,
                    name + " is a formula or roll-up: its value changes without SystemModstamp moving, so"
                            + " incremental runs miss those changes; add recheck: P1D (or another period) to the"
                            + " field to read every record again that often"));
        }
        if (field.owner().flowsOutbound() && !described.restrictedTo().isEmpty()) {
            List<String> refused = prmColumns.values(mapping.prmTable(), field.prmColumn(), VALUES_COMPARED).stream()
                    .filter(value -> !described.restrictedTo().contains(value))
                    .sorted()
                    .toList();
            if (!refused.isEmpty()) {
                findings.add(Finding.warning(
                        where,
                        mapping.prmTable() + "." + field.prmColumn() + " holds " + refused + ", which the restricted"
                                + " picklist " + name + " does not list: those records are refused"
                                + " (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST) and become dead letters"));
            }
        }
        OptionalInt prm = prmColumns.textLength(mapping.prmTable(), field.prmColumn());
        int salesforce = described.length();
        // A reference carries a PRM key one way and a Salesforce id the other: lengths do not compare.
        if (field.type() == ValueType.TEXT && !field.isReference() && prm.isPresent() && salesforce > 0) {
            if (field.owner().flowsOutbound() && prm.getAsInt() > salesforce) {
                findings.add(Finding.warning(
                        where,
                        mapping.prmTable() + "." + field.prmColumn() + " holds " + prm.getAsInt() + " characters, "
                                + name + " " + salesforce + ": "
                                + (field.truncatesTooLongValues()
                                        ? "longer values are cut to " + salesforce + " (too-long: truncate)"
                                        : "longer values are refused (STRING_TOO_LONG) and become dead letters")));
            }
            // A picklist's length is the platform's 255, not its values': admins keep those short.
            if (field.owner().flowsInbound() && !described.type().equals("picklist") && salesforce > prm.getAsInt()) {
                findings.add(Finding.warning(
                        where,
                        name + " holds " + salesforce + " characters, " + mapping.prmTable() + "."
                                + field.prmColumn() + " " + prm.getAsInt() + ": longer values cannot be stored and"
                                + " become dead letters"));
            }
        }
        return findings;
    }

    private static String missing(String object, String field) {
        return object + " has no field " + field + " that the integration user can see";
    }
}
