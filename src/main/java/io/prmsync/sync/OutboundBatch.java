package io.prmsync.sync;

import io.prmsync.store.Watermark;
import java.util.List;
import java.util.Optional;

/**
 * Up to one sObject Collections call worth of records of one kind of write.
 *
 * @param through the watermark to commit with this batch's results: set on the last batch of a page only
 */
public record OutboundBatch(WriteKind kind, List<OutboundRecord> records, Optional<Watermark> through) {

    public enum WriteKind {
        /** Records Salesforce may not have yet: upsert by external id, so a resend never duplicates. */
        UPSERT,
        /** Records paired with a Salesforce id: update by id, which also stamps a missing external id. */
        UPDATE
    }

    public boolean isUpsert() {
        return kind == WriteKind.UPSERT;
    }
}
