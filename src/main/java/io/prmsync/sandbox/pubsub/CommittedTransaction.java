package io.prmsync.sandbox.pubsub;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The record changes one transaction (one API call, one UI save) committed.
 *
 * @param changeOrigin {@code com/salesforce/api/rest/62.0;client=...} for API writes, empty for UI edits
 * @param commitUser   the id of the user whose transaction it was
 */
public record CommittedTransaction(
        List<RecordChange> changes, String changeOrigin, String commitUser, Instant commitTimestamp) {

    public CommittedTransaction {
        changes = List.copyOf(changes);
        Objects.requireNonNull(changeOrigin, "changeOrigin");
        Objects.requireNonNull(commitUser, "commitUser");
        Objects.requireNonNull(commitTimestamp, "commitTimestamp");
    }
}
