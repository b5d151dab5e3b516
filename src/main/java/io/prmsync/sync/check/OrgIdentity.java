package io.prmsync.sync.check;

import io.prmsync.config.SyncProperties;
import io.prmsync.mapping.SalesforceRecord;
import io.prmsync.salesforce.SalesforceGateway;
import io.prmsync.store.Direction;
import io.prmsync.store.SyncOrgRepository;
import io.prmsync.sync.run.FlowBlocks;
import io.prmsync.sync.run.RunControl;
import io.prmsync.sync.run.RunPrecondition;
import io.prmsync.sync.run.SyncFlows;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes sure the org a run talks to is the one the store's watermarks and pairings come from: the first run
 * records its organization id; a run against another org (a refreshed sandbox, credentials of another org) stops
 * every flow until an admin re-baselines, so one org's ids never end up in another's pairings. Asked before each
 * run opens, it calls Salesforce at most once per {@code prm-sync.sync.org-recheck}.
 */
@Component
public class OrgIdentity implements RunPrecondition {

    private static final Logger log = LoggerFactory.getLogger(OrgIdentity.class);
    private static final String CAUSE = "org-identity";
    /** After Salesforce could not say which org it is, runs go ahead (their own calls fail and are recorded). */
    static final java.time.Duration RETRY_AFTER_FAILURE = java.time.Duration.ofMinutes(1);

    private final SalesforceGateway salesforce;
    private final SyncOrgRepository orgs;
    private final SyncFlows flows;
    private final FlowBlocks blocks;
    private final TransactionTemplate transaction;
    private final SyncProperties properties;
    private final Clock clock;
    private final RunControl runs;
    private Instant confirmedUntil = Instant.MIN;

    OrgIdentity(
            SalesforceGateway salesforce,
            SyncOrgRepository orgs,
            SyncFlows flows,
            FlowBlocks blocks,
            TransactionTemplate transaction,
            SyncProperties properties,
            Clock clock,
            @org.springframework.context.annotation.Lazy RunControl runs) {
        this.runs = runs;
        this.salesforce = salesforce;
        this.orgs = orgs;
        this.flows = flows;
        this.blocks = blocks;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Asks Salesforce which org it is, at most once per {@code org-recheck}; when it cannot answer, the run goes
     * ahead and the question waits a minute, so an outage costs one call a minute, not one per run.
     */
    @Override
    public synchronized void confirm() {
        Instant now = clock.instant();
        if (!properties.checkOrgIdentity() || now.isBefore(confirmedUntil)) {
            return;
        }
        String connected;
        try {
            connected = connectedOrg();
        } catch (RuntimeException unanswered) {
            confirmedUntil = now.plus(RETRY_AFTER_FAILURE);
            log.warn(
                    "Could not ask Salesforce which org it is ({}); runs go ahead, asking again in {}",
                    unanswered.getMessage(),
                    RETRY_AFTER_FAILURE);
            return;
        }
        Optional<String> recorded = orgs.recorded();
        if (recorded.isEmpty()) {
            // Nodes starting together may record at once: the first one's org counts for all.
            recorded = Optional.of(orgs.recordFirst(connected, now));
            if (recorded.get().equals(connected)) {
                log.info(
                        "Syncing with Salesforce org {} (recorded; runs against another org will be refused)",
                        connected);
            }
        }
        if (!recorded.get().equals(connected)) {
            String reason = "connected to Salesforce org " + connected + ", but the store's watermarks and pairings"
                    + " come from org " + recorded.get() + " (a refreshed sandbox, or credentials of another org?);"
                    + " every flow is stopped: POST /api/sync/rebaseline?org=" + connected
                    + " forgets them and starts over with this org";
            flows.names().forEach(flow -> blocks.block(flow, CAUSE, reason));
            log.error(reason);
            // Asked again a minute on: the right credentials restored lift the stop, and a wrong org costs one call.
            confirmedUntil = now.plus(RETRY_AFTER_FAILURE);
            return;
        }
        flows.names().forEach(flow -> blocks.unblock(flow, CAUSE));
        confirmedUntil = now.plus(properties.orgRecheck());
    }

    /**
     * Forgets the sync state of the old org and starts over with the connected one.
     *
     * @param confirmOrg must name the connected org: a re-baseline is not undone
     * @return rows removed per table
     * @throws IllegalArgumentException when {@code confirmOrg} is not the connected org
     */
    public synchronized Map<String, Integer> rebaseline(String confirmOrg) {
        String connected = connectedOrg();
        if (!connected.equals(confirmOrg)) {
            throw new IllegalArgumentException("The connected org is " + connected + ", not " + confirmOrg
                    + "; pass org=" + connected + " to forget the store's sync state and start over with it");
        }
        if (orgs.recorded().filter(connected::equals).isPresent()) {
            throw new IllegalArgumentException("The store's sync state already belongs to org " + connected
                    + "; a re-baseline is only for another org");
        }
        List<String> running = flows.names().stream()
                .filter(flow -> runs.isRunning(flow, Direction.INBOUND) || runs.isRunning(flow, Direction.OUTBOUND))
                .toList();
        if (!running.isEmpty()) {
            throw new IllegalArgumentException("Runs still in progress (" + running + "); re-baseline once they end");
        }
        Map<String, Integer> removed = transaction.execute(tx -> orgs.startOver(connected, clock.instant()));
        log.warn("Re-baselined on Salesforce org {}: {}", connected, removed);
        flows.names().forEach(flow -> blocks.unblock(flow, CAUSE));
        confirmedUntil = clock.instant().plus(properties.orgRecheck());
        return removed;
    }

    private String connectedOrg() {
        return salesforce
                .calls()
                .query("SELECT Id, SystemModstamp, LastModifiedDate FROM Organization")
                .records()
                .stream()
                .findFirst()
                .map(SalesforceRecord::id)
                .orElseThrow(() -> new IllegalStateException("Salesforce lists no Organization record"));
    }
}
