package io.prmsync.salesforce;

/** Salesforce's answer for one record of a write. */
public sealed interface WriteOutcome {

    record Saved(String sfId, boolean created) implements WriteOutcome {}

    record Rejected(String errorCode, String message) implements WriteOutcome {}
}
