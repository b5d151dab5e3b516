package io.prmsync.webhook;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The inbox as other triggers use it: events stored here (in the caller's transaction) are synced by the inbox's
 * drain like any webhook's, with its retries, its grouping of many records into one run, and its failure list.
 */
@Component
public class WebhookInbox {

    private final WebhookInboxRepository inbox;
    private final WebhookInboxDrain drain;

    WebhookInbox(WebhookInboxRepository inbox, WebhookInboxDrain drain) {
        this.inbox = inbox;
        this.drain = drain;
    }

    /** Stores the events not seen before; returns how many were new. */
    public int store(List<WebhookEvent> events, Instant now) {
        int stored = 0;
        for (WebhookEvent event : events) {
            if (inbox.accept(event, now) == WebhookInboxRepository.Accepted.NEW) {
                stored++;
            }
        }
        return stored;
    }

    /** Syncs what was stored, now, once the caller's transaction has committed. */
    public void wake() {
        drain.wake();
    }
}
