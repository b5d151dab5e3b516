package io.prmsync.sandbox;

/** Salesforce field types the simulator knows, named as describe reports them. */
enum FieldType {
    ID("id"),
    STRING("string"),
    TEXTAREA("textarea"),
    PICKLIST("picklist"),
    EMAIL("email"),
    PHONE("phone"),
    URL("url"),
    BOOLEAN("boolean"),
    INT("int"),
    DOUBLE("double"),
    CURRENCY("currency"),
    DATE("date"),
    DATETIME("datetime"),
    REFERENCE("reference");

    private final String describeName;

    FieldType(String describeName) {
        this.describeName = describeName;
    }

    String describeName() {
        return describeName;
    }

    boolean isText() {
        return switch (this) {
            case STRING, TEXTAREA, PICKLIST, EMAIL, PHONE, URL -> true;
            default -> false;
        };
    }

    /** Salesforce's default length for a field of this type; 0 for types without one. */
    int defaultLength() {
        return switch (this) {
            case ID, REFERENCE -> 18;
            case STRING, TEXTAREA, PICKLIST, URL -> 255;
            case EMAIL -> 80;
            case PHONE -> 40;
            default -> 0;
        };
    }

    boolean isNumeric() {
        return this == INT || this == DOUBLE || this == CURRENCY;
    }

    boolean isIdLike() {
        return this == ID || this == REFERENCE;
    }

    /** Long text areas cannot appear in a SOQL WHERE clause in Salesforce. */
    boolean isFilterable() {
        return this != TEXTAREA;
    }

    /** The type name Salesforce uses in "must be of type ..." filter errors. */
    String soqlTypeName() {
        return switch (this) {
            case BOOLEAN -> "boolean";
            case INT, DOUBLE, CURRENCY -> "double";
            case DATE -> "date";
            case DATETIME -> "dateTime";
            case ID, REFERENCE -> "id";
            default -> "string";
        };
    }
}
