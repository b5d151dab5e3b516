package io.prmsync.sandbox;

/** The Salesforce API operations the simulator tells apart, for request counters and injected failures. */
public enum Endpoint {
    TOKEN,
    REVOKE,
    QUERY,
    QUERY_ALL,
    QUERY_MORE,
    SOBJECT_CREATE,
    SOBJECT_GET,
    SOBJECT_UPDATE,
    SOBJECT_UPSERT,
    SOBJECT_DELETE,
    DESCRIBE,
    LIMITS,
    COLLECTION_CREATE,
    COLLECTION_UPDATE,
    COLLECTION_UPSERT,
    COLLECTION_DELETE,
    COLLECTION_RETRIEVE,
    OTHER
}
