package io.prmsync.salesforce;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Salesforce's answer for one record of a write. */
public sealed interface WriteOutcome {

    record Saved(String sfId, boolean created) implements WriteOutcome {}

    /**
     * @param uploaded the record's columns as a bulk job's failed results echo them (empty for other writes): what
     *     was sent, for a dead letter, when the caller no longer holds it
     */
    record Rejected(String errorCode, String message, Map<String, String> uploaded) implements WriteOutcome {

        public Rejected {
            uploaded = Collections.unmodifiableMap(new LinkedHashMap<>(uploaded));
        }

        public Rejected(String errorCode, String message) {
            this(errorCode, message, Map.of());
        }
    }
}
