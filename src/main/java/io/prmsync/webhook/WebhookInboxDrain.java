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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Drains the webhook inbox: claims the due events, syncs the records they name through their flows' routes
 * (several events about one flow become one run), and marks each event by how its runs ended; then the next batch,
 * until none is due. Runs are idempotent, so an event taken over after a crash is simply synced again. A PRM
 * change re-evaluates its partner's tier first, so a partner's new tier travels with its record (a deal's or
 * certification's partner goes out with the next partner-accounts run).
 *
 * <p>The endpoints {@linkplain #wake() wake} the drain as soon as they store an event, so an event waits for the
 * batch being synced at most, never for a timer; the timer in {@code routes/webhook-inbox.camel.yaml} drains what
 * this node was not woken for (events stored on other nodes, retries that fell due, events a crashed node held).
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
    /** One drain at a time per node; a call that finds one running leaves it a note to look again. */
    private final AtomicBoolean draining = new AtomicBoolean();

    private final AtomicBoolean wanted = new AtomicBoolean();
    private volatile boolean stopping;
    /** Wakes run here, one at a time; a wake while another waits to run adds nothing (that one will see the event). */
    private final ThreadPoolExecutor drainer = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1),
            runnable -> {
                Thread thread = new Thread(runnable, "webhook-inbox-drain");
                thread.setDaemon(true);
                return thread;
            },
            new ThreadPoolExecutor.DiscardPolicy());

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

    /** An event was stored: drain now, on the drain's own thread, and answer the webhook without waiting. */
    public void wake() {
        if (properties.drainOnArrival() && !stopping) {
            drainer.execute(() -> {
                try {
                    drain();
                } catch (RuntimeException e) {
                    log.error("Draining the webhook inbox failed; the timer's next drain tries again", e);
                }
            });
        }
    }

    /** Syncs the due events, batch after batch, until none is due (or the service stops). */
    public void drain() {
        wanted.set(true);
        while (wanted.get() && !stopping && draining.compareAndSet(false, true)) {
            try {
                wanted.set(false);
                for (List<WebhookInboxRepository.Claimed> events = claim();
                        !events.isEmpty() && !stopping;
                        events = claim()) {
                    syncClaimed(events);
                }
            } finally {
                draining.set(false);
            }
        }
    }

    /**
     * Lets the batch being synced end and claims no more; the events it would have claimed next stay due for the
     * next start. On the close event, before Camel's own listener stops Camel: a batch started later would find its
     * flows' routes gone (and wait for them).
     */
    @EventListener(ContextClosedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void stop() throws InterruptedException {
        stopping = true;
        drainer.shutdown();
        if (!drainer.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("The webhook inbox drain did not end within 30 s; its claimed events are synced again after"
                    + " their lease");
        }
    }

    /** The due events, oldest first, now held by this node for the lease. */
    private List<WebhookInboxRepository.Claimed> claim() {
        return inbox.claim(properties.batchSize(), clock.instant(), properties.lease(), targets.ledElsewhere());
    }

    /** One flow, one direction, and the records of the claimed events to sync through it. */
    private record Target(String flow, Direction direction) {}

    private void syncClaimed(List<WebhookInboxRepository.Claimed> events) {
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
                // Once the service is stopping, a run started now would find its flow's route stopping with it
                // and hold the shutdown up; its events go back to the inbox for the next start or another node.
                RecordsOutcome outcome = stopping ? new RecordsOutcome.Busy() : sync(target, chunk);
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
