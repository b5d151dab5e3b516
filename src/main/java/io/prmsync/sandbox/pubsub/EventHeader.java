package io.prmsync.sandbox.pubsub;

import java.time.Instant;

/** The transaction-level parts of a change event's header. */
record EventHeader(
        String changeOrigin,
        String transactionKey,
        int sequenceNumber,
        Instant commitTimestamp,
        long commitNumber,
        String commitUser) {}
