package io.prmsync.salesforce;

/** Salesforce answered with something the service cannot read. */
public class SalesforceResponseException extends RuntimeException {

    public SalesforceResponseException(String message) {
        super(message);
    }

    public SalesforceResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
