package io.prmsync.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** What the admin API and the console show of the webhook inbox, and the retry of a failed event. */
@Service
public class WebhookInboxStatus {

    /** Failed events listed at most; the counts include every one. */
    static final int FAILED_SHOWN = 50;

    private final WebhookInboxRepository inbox;

    WebhookInboxStatus(WebhookInboxRepository inbox) {
        this.inbox = inbox;
    }

    /**
     * @param events events by status (done ones are kept for the retention period)
     * @param oldestWaitingSince when the oldest event still waiting to be synced arrived; null when none waits
     * @param failed the latest events given up after their last attempt
     */
    public record Summary(Map<String, Long> events, Instant oldestWaitingSince, List<FailedWebhookEvent> failed) {

        /** Events waiting to be synced or being synced now. */
        public long waiting() {
            return events.getOrDefault("PENDING", 0L) + events.getOrDefault("PROCESSING", 0L);
        }
    }

    public Summary summary() {
        return new Summary(inbox.countByStatus(), inbox.oldestPending().orElse(null), inbox.failed(FAILED_SHOWN));
    }

    /** The counts and the oldest waiting event without the failed events' rows, for a panel polled every few seconds. */
    public Summary depth() {
        return new Summary(inbox.countByStatus(), inbox.oldestPending().orElse(null), List.of());
    }

    /** Queues a failed event again, due now; false when no failed event has that id. */
    public boolean retry(long id) {
        return inbox.retry(id);
    }
}
