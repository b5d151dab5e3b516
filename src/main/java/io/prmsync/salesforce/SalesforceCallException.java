package io.prmsync.salesforce;

/**
 * A Salesforce call that failed for good: not transient, or still failing after its retries. The cause is what the
 * Salesforce component raised, which {@link SalesforceFailures} classifies.
 */
public class SalesforceCallException extends RuntimeException {

    private final String operation;

    public SalesforceCallException(String operation, Throwable cause) {
        super("Salesforce " + operation + " failed: " + cause.getMessage(), cause);
        this.operation = operation;
    }

    public String operation() {
        return operation;
    }
}
