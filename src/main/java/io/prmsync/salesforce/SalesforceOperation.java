package io.prmsync.salesforce;

/** Names the guarded route of a Salesforce component operation: {@code direct:salesforce-<operation>}. */
final class SalesforceOperation {

    private SalesforceOperation() {}

    static String endpoint(String operation) {
        return "direct:salesforce-" + operation;
    }
}
