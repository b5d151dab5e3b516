package io.prmsync.salesforcepackage;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.FieldMapping;
import io.prmsync.mapping.ValueType;
import io.prmsync.store.JdbcColumnCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Checks a Salesforce package against the mappings: every object, field and record type they name exists (in the
 * package, or among the {@link StandardSchema standard ones}), every package field can carry its PRM column's
 * values, and the permission set grants exactly what the service reads and writes ({@link PermissionSetCheck}).
 */
final class SalesforcePackageCheck {

    /** Package field types each PRM value type fits, by the metadata's type names. */
    private static final Map<ValueType, Set<String>> FITS = Map.of(
            ValueType.TEXT, Set.of("Text", "TextArea", "LongTextArea", "Picklist", "Email", "Phone", "Url"),
            ValueType.BOOLEAN, Set.of("Checkbox"),
            ValueType.DECIMAL, Set.of("Number", "Currency", "Percent"),
            ValueType.INTEGER, Set.of("Number"),
            ValueType.DATE, Set.of("Date"),
            ValueType.TIMESTAMP, Set.of("DateTime"));

    private final List<EntityMapping> mappings;
    private final JdbcColumnCatalog store;
    private final SalesforcePackage salesforce;
    private final List<Problem> problems = new ArrayList<>();

    private SalesforcePackageCheck(
            List<EntityMapping> mappings, JdbcColumnCatalog store, SalesforcePackage salesforce) {
        this.mappings = mappings;
        this.store = store;
        this.salesforce = salesforce;
    }

    /** Every problem found, in mapping order; empty when the package serves the mappings. */
    static List<Problem> check(List<EntityMapping> mappings, JdbcColumnCatalog store, SalesforcePackage salesforce) {
        SalesforcePackageCheck check = new SalesforcePackageCheck(mappings, store, salesforce);
        mappings.forEach(check::objectsAndFields);
        check.problems.addAll(PermissionSetCheck.check(mappings, salesforce));
        return List.copyOf(check.problems);
    }

    private void objectsAndFields(EntityMapping mapping) {
        String file = MappingNeeds.file(mapping);
        for (String object : MappingNeeds.objectsRead(mapping)) {
            if (!objectExists(object)) {
                problems.add(new Problem(
                        file,
                        object,
                        null,
                        object.endsWith("__c")
                                ? "the package defines no custom object " + object
                                : "is not a standard object this check knows (StandardSchema)"));
                return;
            }
        }
        if (mapping.recordType() != null && !salesforce.hasRecordType(mapping.sObject(), mapping.recordType())) {
            problems.add(new Problem(
                    file,
                    mapping.sObject(),
                    null,
                    "the package defines no record type " + mapping.recordType() + " (salesforce.record-type)"));
        }
        for (MappingNeeds.FieldUse use : MappingNeeds.fields(mapping)) {
            if (use.field().endsWith("__c")
                    ? salesforce.field(use.object(), use.field()).isEmpty()
                    : !StandardSchema.hasField(use.object(), use.field())) {
                problems.add(new Problem(
                        file,
                        use.object(),
                        use.field(),
                        use.field().endsWith("__c")
                                ? "the package does not define this custom field"
                                : "is not a standard field this check knows (StandardSchema)"));
            }
        }
        salesforce.field(mapping.sObject(), mapping.externalIdField()).ifPresent(key -> externalId(mapping, key));
        for (FieldMapping field : mapping.fields()) {
            salesforce.field(mapping.sObject(), field.salesforceField()).ifPresent(sf -> fit(mapping, field, sf));
        }
    }

    private boolean objectExists(String object) {
        return object.endsWith("__c") ? salesforce.hasCustomObject(object) : StandardSchema.hasObject(object);
    }

    private void externalId(EntityMapping mapping, SalesforcePackage.Field key) {
        OptionalInt prm = store.textLength(mapping.prmTable(), mapping.prmKey());
        if (!key.type().equals("Text") || !key.externalId()) {
            problem(mapping, key, "is the mapping's external-id, so it must be a Text field marked External ID");
        } else if (prm.isPresent() && prm.getAsInt() > key.length()) {
            problem(
                    mapping,
                    key,
                    "holds " + key.length() + " characters, but the PRM key " + mapping.prmTable() + "."
                            + mapping.prmKey() + " holds " + prm.getAsInt());
        }
    }

    private void fit(EntityMapping mapping, FieldMapping field, SalesforcePackage.Field sf) {
        String column = mapping.prmTable() + "." + field.prmColumn();
        if (field.isReference()) {
            reference(mapping, field, sf);
            return;
        }
        boolean fits =
                FITS.get(field.type()).contains(sf.type()) && !(field.type() == ValueType.INTEGER && sf.scale() > 0);
        if (!fits) {
            problem(
                    mapping,
                    sf,
                    "is a " + sf.type() + " field"
                            + (field.type() == ValueType.INTEGER && sf.scale() > 0 ? " with decimals" : "")
                            + ", which "
                            + column + " (" + field.type().name().toLowerCase(java.util.Locale.ROOT)
                            + ") cannot carry");
            return;
        }
        OptionalInt prm = store.textLength(mapping.prmTable(), field.prmColumn());
        if (field.type() != ValueType.TEXT || prm.isEmpty()) {
            return;
        }
        // Salesforce fixes the length of Email, Phone, Url and picklist fields; the org check warns about those.
        if (field.owner().flowsOutbound()
                && !field.truncatesTooLongValues()
                && sf.lengthIsSetByThePackage()
                && prm.getAsInt() > sf.textLength()) {
            problem(
                    mapping,
                    sf,
                    "holds " + sf.textLength() + " characters, but " + column + " holds " + prm.getAsInt()
                            + " and is written to it: longer values are refused (STRING_TOO_LONG)");
        }
        if (field.owner().flowsInbound() && sf.longestValue() > prm.getAsInt()) {
            problem(
                    mapping,
                    sf,
                    (sf.type().equals("Picklist") ? "has a value of " : "holds ") + sf.longestValue()
                            + " characters, but " + column + " holds " + prm.getAsInt()
                            + ": longer values read from Salesforce cannot be stored");
        }
    }

    private void reference(EntityMapping mapping, FieldMapping field, SalesforcePackage.Field sf) {
        Optional<String> parent = mappings.stream()
                .filter(m -> m.entity().equals(field.referenceTo()))
                .map(EntityMapping::sObject)
                .findFirst();
        if (!sf.isLookup() || (parent.isPresent() && !parent.get().equals(sf.referenceTo()))) {
            problem(
                    mapping,
                    sf,
                    "must be a lookup to " + parent.orElse("the " + field.referenceTo() + " object") + " (reference: "
                            + field.referenceTo() + "), not a " + sf.type()
                            + (sf.referenceTo() == null ? "" : " to " + sf.referenceTo()));
        }
    }

    private void problem(EntityMapping mapping, SalesforcePackage.Field field, String message) {
        problems.add(new Problem(MappingNeeds.file(mapping), field.object(), field.name(), message));
    }
}
