package io.prmsync.webhook;

import io.prmsync.config.SyncProperties;
import io.prmsync.config.WebhookProperties;
import io.prmsync.store.Direction;
import io.prmsync.store.PartnerAccounts;
import io.prmsync.sync.route.SyncLauncher;
import io.prmsync.sync.route.SyncLauncher.RecordsOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Drains the webhook inbox (called from {@code routes/webhook-inbox.camel.yaml}): claims the due events, syncs
 * the records they name through their flows' routes (several events about one flow become one run), and marks
 * each event by how its runs ended. Runs are idempotent, so an event taken over after a crash is simply synced
 * again. A PRM change re-evaluates its partner's tier first, so a partner's new tier travels with its record (a
 * deal's or certification's partner goes out with the next partner-accounts run).
 */
@Component("webhookInboxDrain")
public class WebhookInboxDrain {

    private static final Logger log = LoggerFactory.getLogger(WebhookInboxDrain.class);
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final WebhookInboxRepository inbox;
    private final WebhookTargets targets;
    private final SyncLauncher launcher;
    private final PartnerAccounts partners;
    private final WebhookProperties properties;
    private final int writeBatchSize;
    private final Clock clock;

    WebhookInboxDrain(
            WebhookInboxRepository inbox,
            WebhookTargets targets,
            SyncLauncher launcher,
            PartnerAccounts partners,
            WebhookProperties properties,
            SyncProperties syncProperties,
            Clock clock) {
        this.inbox = inbox;
        this.targets = targets;
        this.launcher = launcher;
        this.partners = partners;
        this.properties = properties;
        this.writeBatchSize = syncProperties.writeBatchSize();
        this.clock = clock;
    }

    /** The due events, oldest first, now held by this node for the lease. */
    public List<WebhookInboxRepository.Claimed> claim() {
        return inbox.claim(properties.batchSize(), clock.instant(), properties.lease());
    }

    /** One flow, one direction, and the records of the claimed events to sync through it. */
    private record Target(String flow, Direction direction) {}

    public void syncClaimed(List<WebhookInboxRepository.Claimed> events) {
        Map<Target, Set<String>> records = new LinkedHashMap<>();
        Map<Target, Map<String, List<Long>>> eventsByRecord = new HashMap<>();
        // Events that name nothing to sync (their flow was removed, their activity is gone) end here, with why.
        Map<String, List<Long>> closedWithoutSync = new LinkedHashMap<>();
        Map<String, String> partnersOfActivities = partnersOfActivities(events);
        for (WebhookInboxRepository.Claimed claimed : events) {
            WebhookEvent event = claimed.event();
            String record = event.recordId();
            List<Target> eventTargets;
            String whyNone;
            if (event.fromSalesforce()) {
                eventTargets = targets(targets.inboundFlows(event.entity()), Direction.INBOUND);
                whyNone = "no inbound flow reads " + event.entity() + " any more";
            } else if (WebhookTargets.ACTIVITY.equals(event.entity())) {
                record = partnersOfActivities.get(record);
                eventTargets = record == null
                        ? List.of()
                        : targets(targets.outboundFlows(WebhookTargets.PARTNER_ACCOUNT), Direction.OUTBOUND);
                whyNone = "activity " + event.recordId() + " is not in the PRM store";
            } else {
                eventTargets = targets(targets.outboundFlows(event.entity()), Direction.OUTBOUND);
                whyNone = "no outbound flow syncs " + event.entity() + " any more";
            }
            if (eventTargets.isEmpty()) {
                closedWithoutSync
                        .computeIfAbsent(whyNone, why -> new ArrayList<>())
                        .add(claimed.id());
                continue;
            }
            for (Target target : eventTargets) {
                records.computeIfAbsent(target, t -> new LinkedHashSet<>()).add(record);
                eventsByRecord
                        .computeIfAbsent(target, t -> new HashMap<>())
                        .computeIfAbsent(record, r -> new ArrayList<>())
                        .add(claimed.id());
            }
        }
        Instant now = clock.instant();
        closedWithoutSync.forEach((why, ids) -> inbox.done(ids, now, why));

        Map<Long, RecordsOutcome> outcomes = new HashMap<>();
        records.forEach((target, keys) -> {
            List<String> all = List.copyOf(keys);
            for (int from = 0; from < all.size(); from += writeBatchSize) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + writeBatchSize));
                RecordsOutcome outcome = sync(target, chunk);
                chunk.forEach(key -> eventsByRecord
                        .get(target)
                        .get(key)
                        .forEach(id -> outcomes.merge(id, outcome, WebhookInboxDrain::worse)));
            }
        });
        settle(events, outcomes);
    }

    private static List<Target> targets(List<String> flows, Direction direction) {
        return flows.stream().map(flow -> new Target(flow, direction)).toList();
    }

    /** An outbound run re-evaluates the tiers its rows decide before it sends them, and carries the changes on. */
    private RecordsOutcome sync(Target target, List<String> keys) {
        return launcher.runRecords(target.flow(), target.direction(), keys, properties.lockWait());
    }

    private void settle(List<WebhookInboxRepository.Claimed> events, Map<Long, RecordsOutcome> outcomes) {
        Instant now = clock.instant();
        List<Long> synced = new ArrayList<>();
        List<Long> busy = new ArrayList<>();
        for (WebhookInboxRepository.Claimed claimed : events) {
            RecordsOutcome outcome = outcomes.get(claimed.id());
            if (outcome instanceof RecordsOutcome.Synced) {
                synced.add(claimed.id());
            } else if (outcome instanceof RecordsOutcome.Busy) {
                busy.add(claimed.id());
            } else if (outcome instanceof RecordsOutcome.Failed failed) {
                Instant next = now.plus(backoff(claimed.attempts()));
                log.warn(
                        "Webhook event {}/{} ({} {}) failed on attempt {}; next try at {}: {}",
                        claimed.event().source(),
                        claimed.event().eventId(),
                        claimed.event().entity(),
                        claimed.event().recordId(),
                        claimed.attempts() + 1,
                        next,
                        failed.reason());
                inbox.failed(claimed.id(), failed.reason(), next, properties.maxAttempts());
            }
        }
        inbox.done(synced, now, null);
        inbox.postpone(busy, now.plus(BUSY_RETRY));
    }

    /** 1 s, 2 s, 4 s … up to five minutes. */
    static Duration backoff(int attemptsSoFar) {
        Duration doubled = Duration.ofSeconds(1L << Math.min(attemptsSoFar, 20));
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    /** A failure beats busy, busy beats synced: an event is done only when every run it needed succeeded. */
    private static RecordsOutcome worse(RecordsOutcome a, RecordsOutcome b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(RecordsOutcome outcome) {
        return outcome instanceof RecordsOutcome.Failed ? 2 : outcome instanceof RecordsOutcome.Busy ? 1 : 0;
    }

    private Map<String, String> partnersOfActivities(List<WebhookInboxRepository.Claimed> events) {
        return partners.partnersOfActivities(events.stream()
                .map(WebhookInboxRepository.Claimed::event)
                .filter(e -> !e.fromSalesforce() && WebhookTargets.ACTIVITY.equals(e.entity()))
                .map(WebhookEvent::recordId)
                .distinct()
                .toList());
    }

    /** Forgets processed events after the retention period; duplicates older than that are not expected. */
    public void purge() {
        int removed = inbox.purgeDone(clock.instant().minus(properties.retention()));
        if (removed > 0) {
            log.info("Removed {} processed webhook events older than {}", removed, properties.retention());
        }
    }
}
