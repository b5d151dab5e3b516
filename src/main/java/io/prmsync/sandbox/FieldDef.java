package io.prmsync.sandbox;

/**
 * One field of a simulated sObject. {@code required} means "not nillable and no default", which is what makes
 * Salesforce answer REQUIRED_FIELD_MISSING.
 */
record FieldDef(
        String name,
        FieldType type,
        boolean required,
        boolean createable,
        boolean updateable,
        boolean externalId,
        boolean unique,
        String referenceTo,
        String relationshipName,
        Object defaultValue,
        boolean system,
        int length,
        java.util.List<String> restrictedValues) {

    static FieldDef of(String name, FieldType type) {
        return new FieldDef(
                name,
                type,
                false,
                true,
                true,
                false,
                false,
                null,
                null,
                null,
                false,
                type.defaultLength(),
                java.util.List.of());
    }

    static FieldDef systemField(String name, FieldType type) {
        return new FieldDef(
                name,
                type,
                false,
                false,
                false,
                false,
                false,
                null,
                null,
                null,
                true,
                type.defaultLength(),
                java.util.List.of());
    }

    /**
     * A restricted picklist: only these values are accepted (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST otherwise),
     * compared exactly, as Salesforce compares API names.
     */
    FieldDef restrictedTo(String... values) {
        return new FieldDef(
                name,
                type,
                required,
                createable,
                updateable,
                externalId,
                unique,
                referenceTo,
                relationshipName,
                defaultValue,
                system,
                length,
                java.util.List.of(values));
    }

    /** The most characters a text field holds (Salesforce answers STRING_TOO_LONG past it). */
    FieldDef holding(int characters) {
        return new FieldDef(
                name,
                type,
                required,
                createable,
                updateable,
                externalId,
                unique,
                referenceTo,
                relationshipName,
                defaultValue,
                system,
                characters,
                restrictedValues);
    }

    FieldDef mandatory() {
        return new FieldDef(
                name,
                type,
                true,
                createable,
                updateable,
                externalId,
                unique,
                referenceTo,
                relationshipName,
                defaultValue,
                system,
                length,
                restrictedValues);
    }

    /** A field only the platform sets (conversion results, formula-like flags); the API cannot write it. */
    FieldDef readOnly() {
        return new FieldDef(
                name,
                type,
                required,
                false,
                false,
                externalId,
                unique,
                referenceTo,
                relationshipName,
                defaultValue,
                system,
                length,
                restrictedValues);
    }

    FieldDef externalKey(boolean isUnique) {
        return new FieldDef(
                name,
                type,
                required,
                createable,
                updateable,
                true,
                isUnique,
                referenceTo,
                relationshipName,
                defaultValue,
                system,
                length,
                restrictedValues);
    }

    FieldDef defaultingTo(Object value) {
        return new FieldDef(
                name,
                type,
                required,
                createable,
                updateable,
                externalId,
                unique,
                referenceTo,
                relationshipName,
                value,
                system,
                length,
                restrictedValues);
    }

    /** Salesforce names the relationship after the field: {@code PartnerAccountId → PartnerAccount}, {@code X__c → X__r}. */
    FieldDef references(String objectName) {
        String relationship = name.endsWith("__c")
                ? name.substring(0, name.length() - 3) + "__r"
                : name.endsWith("Id") ? name.substring(0, name.length() - 2) : null;
        return new FieldDef(
                name,
                FieldType.REFERENCE,
                required,
                createable,
                updateable,
                externalId,
                unique,
                objectName,
                relationship,
                defaultValue,
                system,
                length,
                restrictedValues);
    }

    boolean nillable() {
        return !required && type != FieldType.BOOLEAN && defaultValue == null;
    }

    String label() {
        String base = name.endsWith("__c") ? name.substring(0, name.length() - 3) : name;
        return base.replace('_', ' ').replaceAll("([a-z])([A-Z])", "$1 $2");
    }
}
