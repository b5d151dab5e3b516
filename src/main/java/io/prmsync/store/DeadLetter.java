package io.prmsync.store;

/**
 * A record that failed permanently, kept with what is needed to understand and replay it.
 *
 * @param recordKey PRM key for outbound records, Salesforce id for inbound ones
 * @param payload the record as it was sent or received (JSON)
 */
public record DeadLetter(
        String flow, Direction direction, String recordKey, String payload, String errorCode, String errorMessage) {

    /** A stored dead letter as the admin API lists it. */
    public record Stored(
            long id,
            String flow,
            String direction,
            String recordKey,
            String errorCode,
            String errorMessage,
            int attempts,
            java.time.Instant firstFailedAt,
            java.time.Instant lastFailedAt,
            String status,
            String payload) {}
}
