package io.prmsync.sandbox;

import java.util.List;
import java.util.function.Consumer;

/**
 * One field of a simulated sObject. {@code required} means "not nillable and no default", which is what makes
 * Salesforce answer REQUIRED_FIELD_MISSING. {@code precision} and {@code scale} are a custom number field's digits
 * in all and after the point, as its Number(precision, scale) definition says; 0 and 0 for other fields, whose
 * range the simulator does not check.
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
        List<String> restrictedValues,
        int precision,
        int scale) {

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
                List.of(),
                0,
                0);
    }

    static FieldDef systemField(String name, FieldType type) {
        return of(name, type).with(field -> {
            field.createable = false;
            field.updateable = false;
            field.system = true;
        });
    }

    /**
     * A restricted picklist: only these values are accepted (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST otherwise),
     * compared exactly, as Salesforce compares API names.
     */
    FieldDef restrictedTo(String... values) {
        return with(field -> field.restrictedValues = List.of(values));
    }

    /** The most characters a text field holds (Salesforce answers STRING_TOO_LONG past it). */
    FieldDef holding(int characters) {
        return with(field -> field.length = characters);
    }

    /**
     * A custom number field, Number(precision, scale): describe reports it as a double with these digits; a value
     * is rounded to {@code scale} decimals, and one with more than {@code precision - scale} digits before the point
     * is refused (NUMBER_OUTSIDE_VALID_RANGE).
     */
    FieldDef digits(int allDigits, int decimals) {
        if (type != FieldType.DOUBLE || allDigits < 1 || allDigits > 18 || decimals < 0 || decimals > allDigits) {
            throw new IllegalArgumentException(
                    name + ": Number(" + allDigits + ", " + decimals + ") is no number field Salesforce defines");
        }
        return with(field -> {
            field.precision = allDigits;
            field.scale = decimals;
        });
    }

    /** Whether a number field's range is modelled ({@link #digits}). */
    boolean hasDigits() {
        return precision > 0;
    }

    FieldDef mandatory() {
        return with(field -> field.required = true);
    }

    /** A field only the platform sets (conversion results, formula-like flags); the API cannot write it. */
    FieldDef readOnly() {
        return with(field -> {
            field.createable = false;
            field.updateable = false;
        });
    }

    FieldDef externalKey(boolean isUnique) {
        return with(field -> {
            field.externalId = true;
            field.unique = isUnique;
        });
    }

    FieldDef defaultingTo(Object value) {
        return with(field -> field.defaultValue = value);
    }

    /** Salesforce names the relationship after the field: {@code PartnerAccountId → PartnerAccount}, {@code X__c → X__r}. */
    FieldDef references(String objectName) {
        String relationship = name.endsWith("__c")
                ? name.substring(0, name.length() - 3) + "__r"
                : name.endsWith("Id") ? name.substring(0, name.length() - 2) : null;
        return with(field -> {
            field.type = FieldType.REFERENCE;
            field.referenceTo = objectName;
            field.relationshipName = relationship;
        });
    }

    boolean nillable() {
        return !required && type != FieldType.BOOLEAN && defaultValue == null;
    }

    String label() {
        String base = name.endsWith("__c") ? name.substring(0, name.length() - 3) : name;
        return base.replace('_', ' ').replaceAll("([a-z])([A-Z])", "$1 $2");
    }

    /** This field with some of its properties changed. */
    private FieldDef with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** A field's properties while one of the withers above changes some of them. */
    private static final class Draft {
        private final String name;
        private FieldType type;
        private boolean required;
        private boolean createable;
        private boolean updateable;
        private boolean externalId;
        private boolean unique;
        private String referenceTo;
        private String relationshipName;
        private Object defaultValue;
        private boolean system;
        private int length;
        private List<String> restrictedValues;
        private int precision;
        private int scale;

        Draft(FieldDef field) {
            name = field.name;
            type = field.type;
            required = field.required;
            createable = field.createable;
            updateable = field.updateable;
            externalId = field.externalId;
            unique = field.unique;
            referenceTo = field.referenceTo;
            relationshipName = field.relationshipName;
            defaultValue = field.defaultValue;
            system = field.system;
            length = field.length;
            restrictedValues = field.restrictedValues;
            precision = field.precision;
            scale = field.scale;
        }

        FieldDef build() {
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
                    restrictedValues,
                    precision,
                    scale);
        }
    }
}
