package io.prmsync.sandbox;

/** The states of a Bulk API 2.0 job, with the names Salesforce puts in the job's {@code state}. */
enum BulkJobState {
    OPEN("Open"),
    UPLOAD_COMPLETE("UploadComplete"),
    IN_PROGRESS("InProgress"),
    JOB_COMPLETE("JobComplete"),
    FAILED("Failed"),
    ABORTED("Aborted");

    private final String wireName;

    BulkJobState(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    /** Salesforce deletes only jobs that are not open and no longer being processed. */
    boolean deletable() {
        return this != OPEN && this != IN_PROGRESS;
    }

    boolean finished() {
        return this == JOB_COMPLETE || this == FAILED || this == ABORTED;
    }
}
