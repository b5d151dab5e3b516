package io.prmsync.webhook;

import java.time.Instant;

/** A webhook event given up after its last attempt, with the error that ended it. */
public record FailedWebhookEvent(
        long id,
        String source,
        String eventId,
        String entity,
        String recordId,
        int attempts,
        String lastError,
        Instant receivedAt) {}
