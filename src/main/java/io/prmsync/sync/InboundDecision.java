package io.prmsync.sync;

/** What applying one Salesforce record did to the PRM store. */
public enum InboundDecision {
    CREATED, UPDATED, DELETED,
    /** Nothing new for the PRM store: unchanged fields, or our own write coming back. */
    UNCHANGED,
    /** The record could not be mapped; it went to the dead letters. */
    REJECTED,
    /** The flow only updates rows another flow created, and this record has none. */
    IGNORED,
    /** Its parent is not in the PRM store yet; it waits and is applied once the parent arrives. */
    PARKED
}
