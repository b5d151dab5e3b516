package io.prmsync.store;

import java.time.Instant;

/**
 * A child record waiting for its parent to reach the other side.
 *
 * @param recordKey Salesforce id for inbound records, PRM key for outbound ones
 * @param parentKey the parent reference that could not be resolved
 * @param payload for inbound records the Salesforce record (JSON), so it can be applied without re-reading
 */
public record ParkedRecord(
        String flow,
        Direction direction,
        String recordKey,
        String parentKey,
        String payload,
        Instant parkedAt,
        int attempts) {}
