package io.prmsync.mapping;

/**
 * One PRM column paired with one Salesforce field.
 *
 * @param prmColumn column of the entity's PRM table
 * @param salesforceField API name; a dotted path ({@code PartnerAccount.PRM_Partner_Id__c}) is read-only
 * @param owner which side wins
 * @param type canonical type, taken from the PRM column
 * @param referenceTo for a reference to a parent record: the parent's entity, whose PRM key the column holds and
 *     whose Salesforce id the lookup field holds; null for a plain field
 * @param required the PRM column takes no null, so a row cannot be written without this value
 * @param tooLong what an outbound write does with a text longer than the Salesforce field holds
 * @param recheck how often every record is read again for this field, whose value Salesforce calculates
 *     (formula, roll-up) without moving SystemModstamp; null when incremental reads see its changes
 */
public record FieldMapping(
        String prmColumn,
        String salesforceField,
        FieldOwner owner,
        ValueType type,
        String referenceTo,
        boolean required,
        TooLongValues tooLong,
        java.time.Duration recheck) {

    public FieldMapping(String prmColumn, String salesforceField, FieldOwner owner, ValueType type) {
        this(prmColumn, salesforceField, owner, type, null, false, TooLongValues.DEAD_LETTER, null);
    }

    public java.util.Optional<java.time.Duration> recheckEvery() {
        return java.util.Optional.ofNullable(recheck);
    }

    public boolean truncatesTooLongValues() {
        return tooLong == TooLongValues.TRUNCATE;
    }

    public boolean isRelationshipPath() {
        return salesforceField.contains(".");
    }

    public boolean isReference() {
        return referenceTo != null;
    }
}
