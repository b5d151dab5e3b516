package io.prmsync.mapping;

import java.time.Instant;
import java.util.Map;

/**
 * One Salesforce record as it enters the service: the system fields the sync relies on, typed, and the
 * mapped fields as Salesforce sent them. Relationship values are nested maps, as in the REST API.
 */
public record SalesforceRecord(
        String sObject,
        String id,
        Instant systemModstamp,
        Instant lastModifiedDate,
        boolean deleted,
        Map<String, Object> fields) {

    /** The value at {@code path}; a dotted path walks relationship objects, a missing parent yields null. */
    public Object value(String path) {
        Object current = fields;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
