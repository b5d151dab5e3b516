package io.prmsync.mapping;

/**
 * One PRM column paired with one Salesforce field.
 *
 * @param prmColumn column of the entity's PRM table
 * @param salesforceField API name; a dotted path ({@code PartnerAccount.PRM_Partner_Id__c}) is read-only
 * @param owner which side wins
 * @param type canonical type, taken from the PRM column
 */
public record FieldMapping(String prmColumn, String salesforceField, FieldOwner owner, ValueType type) {

    public boolean isRelationshipPath() {
        return salesforceField.contains(".");
    }
}
