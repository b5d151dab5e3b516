package io.prmsync.salesforce;

/** A Bulk API 2.0 job that failed, was aborted or ran too long: the run ends failed with this reason. */
public class BulkJobException extends RuntimeException {

    public BulkJobException(String message) {
        super(message);
    }
}
