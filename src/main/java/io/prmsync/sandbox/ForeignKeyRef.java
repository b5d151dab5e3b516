package io.prmsync.sandbox;

/**
 * A lookup given by the parent's external id ({@code "Account__r": {"PRM_Partner_Id__c": "P-0001"}}), resolved
 * to an id when the record is written.
 */
record ForeignKeyRef(ObjectDef target, FieldDef externalIdField, Object value) {}
