package io.prmsync.store;

/** Which way a flow moves records. */
public enum Direction {
    /** Salesforce to the PRM store. */
    INBOUND,
    /** The PRM store to Salesforce. */
    OUTBOUND
}
