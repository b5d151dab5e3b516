package io.prmsync.sync.outbound;

import io.prmsync.store.Watermark;
import java.util.List;
import java.util.Optional;

/**
 * Records of one kind of write that go out together: up to one sObject Collections call's worth, or a bulk job.
 *
 * @param through the watermark to commit with this batch's results: set on the last batch of a page only
 * @param bulk sent as one Bulk API 2.0 ingest job rather than one sObject Collections call
 */
public record OutboundBatch(WriteKind kind, List<OutboundRecord> records, Optional<Watermark> through, boolean bulk) {

    public enum WriteKind {
        /** Records Salesforce may not have yet: upsert by external id, so a resend never duplicates. */
        UPSERT,
        /** Records paired with a Salesforce id: update by id, which also stamps a missing external id. */
        UPDATE
    }

    /** The batch as its write's results need it (see {@link OutboundRecord#forResults}). */
    public OutboundBatch forResults() {
        return new OutboundBatch(
                kind, records.stream().map(OutboundRecord::forResults).toList(), through, bulk);
    }

    /** The batch once its bulk job's upload is built (see {@link OutboundRecord#withoutFields}). */
    public OutboundBatch withoutFields() {
        return new OutboundBatch(
                kind, records.stream().map(OutboundRecord::withoutFields).toList(), through, bulk);
    }

    /** The key each record's write result names it by: the external id of an upsert, the Id of an update. */
    public List<String> resultKeys() {
        return records.stream()
                .map(isUpsert() ? OutboundRecord::prmKey : OutboundRecord::sfId)
                .toList();
    }

    public boolean isUpsert() {
        return kind == WriteKind.UPSERT;
    }
}
