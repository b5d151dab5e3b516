package io.prmsync.mapping;

import java.util.Map;

/** What a flow's writes do about Salesforce duplicate rules ({@code salesforce.duplicates} in a mapping). */
public enum DuplicatePolicy {
    /** Salesforce's default: a record a duplicate rule flags is refused (DUPLICATES_DETECTED) and dead-lettered. */
    BLOCK,
    /** Writes send {@code Sforce-Duplicate-Rule-Header: allowSave=true}: records an alert rule flags are saved. */
    ALLOW_SAVE;

    static final Map<String, DuplicatePolicy> BY_NAME = Map.of("block", BLOCK, "allow-save", ALLOW_SAVE);
}
