package io.prmsync.sync;

/** What applying one Salesforce record did to the PRM store. */
public enum InboundDecision {
    CREATED,
    UPDATED,
    DELETED,
    /** Nothing new for the PRM store: unchanged fields, or our own write coming back. */
    UNCHANGED,
    /** The record could not be mapped; it went to the dead letters. */
    REJECTED,
    /**
     * Its parent (or, for a flow that only updates rows, its row) is not in the PRM store yet; it waits and is
     * applied once that arrives.
     */
    PARKED
}
