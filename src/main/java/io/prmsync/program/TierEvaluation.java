package io.prmsync.program;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.cluster.ClusterTasks;
import io.prmsync.store.CustomPlans;
import io.prmsync.store.PartnerAccounts;
import io.prmsync.sync.TierChanges;
import io.prmsync.tier.PartnerFacts;
import io.prmsync.tier.TierDecision;
import io.prmsync.tier.TierEngine;
import io.prmsync.tier.TierStanding;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the tier rules to every partner, a chunk of partners at a time: reads their facts set-based, lets the
 * engine decide, stores each changed standing with its explanation, records every tier change in
 * {@code tier_history}, and shows the tier on the partner row, from where the partner-accounts flow takes it to
 * Salesforce ({@code Partner_Tier__c}). A channel manager's override on the partner row wins until it expires.
 */
@Component("tierEvaluation")
public class TierEvaluation {

    private static final Logger log = LoggerFactory.getLogger(TierEvaluation.class);
    static final int CHUNK = 500;
    /** Won deals and activities older than this cannot fall inside any sensible criterion window. */
    static final int YEARS_OF_HISTORY = 3;

    private final TierEngine engine;
    private final PartnerFactsReader facts;
    private final TierMemberships memberships;
    private final DueEvaluations due;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final TierChangeMetrics tierChangeMetrics;
    private final EngagementEvaluation engagement;
    private final ClusterTasks tasks;
    private final CustomPlans plans;

    TierEvaluation(
            TierEngine engine,
            TierLevels levels,
            PartnerFactsReader facts,
            TierMemberships memberships,
            DueEvaluations due,
            ObjectMapper json,
            TransactionTemplate transaction,
            Clock clock,
            TierChangeMetrics tierChangeMetrics,
            EngagementEvaluation engagement,
            ClusterTasks tasks,
            CustomPlans plans) {
        this.plans = plans;
        this.engagement = engagement;
        this.tierChangeMetrics = tierChangeMetrics;
        this.engine = engine;
        this.facts = facts;
        this.memberships = memberships;
        this.due = due;
        this.json = json;
        // Its own transaction, whoever calls: a chunk commits on its own, and a failing one rolls back alone.
        this.transaction = new TransactionTemplate(transaction.getTransactionManager());
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.tasks = tasks;
    }

    /** The task whose row every evaluation's transaction locks first, on every node ({@link ClusterTasks}). */
    public static final String TASK = "tier-evaluation";

    /**
     * Evaluations run one at a time, on this node and across the nodes: two placing the same new partner at once
     * would both insert its standing. This node's evaluations queue here rather than on the store's lock.
     */
    private final java.util.concurrent.locks.ReentrantLock oneAtATime = new java.util.concurrent.locks.ReentrantLock();

    /**
     * What an evaluation of every partner did.
     *
     * @param partners how many partners were evaluated
     * @param tierChanges how many changed tier
     * @param changes those that changed tier, for the runs that carry them to Salesforce
     */
    public record AllEvaluated(int partners, int tierChanges, TierChanges changes) {}

    /** Evaluates every live partner. */
    public AllEvaluated evaluateAll() {
        LocalDate today = LocalDate.now(clock);
        String after = "";
        int partners = 0;
        int changed = 0;
        TierChanges changes = TierChanges.none();
        while (true) {
            String from = after;
            ChunkEvaluated chunk;
            try {
                // Read under the lock: a chunk read before another node's evaluation committed would decide from
                // the standings that evaluation replaced.
                chunk = exclusively(tx -> {
                    List<PartnerFactsReader.PartnerRow> rows = facts.partnersAfter(from, CHUNK);
                    return new ChunkEvaluated(rows, evaluate(rows, today, RowStamp.MOVE));
                });
            } catch (org.springframework.dao.DataAccessResourceFailureException
                    | org.springframework.dao.TransientDataAccessException storeUnavailable) {
                log.error("Evaluating every partner stopped at {}: {}", after, storeUnavailable.toString());
                break;
            } catch (RuntimeException chunkFailed) {
                chunk = partnerByPartner(facts.partnersAfter(from, CHUNK), today);
            }
            if (chunk.partners().isEmpty()) {
                break;
            }
            partners += chunk.partners().size();
            changed += chunk.changed().size();
            changes = changes.and(TierChanges.of(chunk.changed()));
            after = chunk.partners().get(chunk.partners().size() - 1).partnerId();
        }
        log.info(
                "tier evaluation ({}): {} partners, {} changed tier",
                engine.rules().rulesVersion(),
                partners,
                changed);
        return new AllEvaluated(partners, changed, changes);
    }

    private record ChunkEvaluated(List<PartnerFactsReader.PartnerRow> partners, List<String> changed) {}

    /** One partner whose evaluation keeps failing holds back only itself, not every partner after it. */
    private ChunkEvaluated partnerByPartner(List<PartnerFactsReader.PartnerRow> chunk, LocalDate today) {
        List<String> changed = new java.util.ArrayList<>();
        for (PartnerFactsReader.PartnerRow partner : chunk) {
            try {
                changed.addAll(exclusively(
                        tx -> evaluate(facts.partners(List.of(partner.partnerId())), today, RowStamp.MOVE)));
            } catch (RuntimeException e) {
                log.error("Evaluating partner {} failed; the next evaluation tries again", partner.partnerId(), e);
            }
        }
        return new ChunkEvaluated(chunk, changed);
    }

    /** Whether a tier change moves the partner row's {@code updated_at}, which outbound runs read changes by. */
    public enum RowStamp {
        /** The change is for the partner-accounts flow to find. */
        MOVE,
        /** The row is already being sent; a fresh stamp would only hold it back behind the settle lag. */
        KEEP
    }

    /** Evaluates the given partners, a transaction per chunk; returns those that changed tier. */
    public TierChanges evaluatePartners(List<String> partnerIds, RowStamp stamp) {
        TierChanges changes = TierChanges.none();
        for (int from = 0; from < partnerIds.size(); from += CHUNK) {
            List<String> ids = partnerIds.subList(from, Math.min(partnerIds.size(), from + CHUNK));
            changes = changes.and(
                    TierChanges.of(exclusively(tx -> evaluate(facts.partners(ids), LocalDate.now(clock), stamp))));
        }
        return changes;
    }

    /**
     * What an evaluation of the partners marked due did.
     *
     * @param partners how many partners were evaluated
     * @param changes those that changed tier
     */
    public record DueEvaluated(int partners, TierChanges changes) {}

    /**
     * Evaluates the partners the flow marked due, each once, a transaction per chunk. The marks a chunk reads
     * before its facts are the ones it clears, so a partner marked again meanwhile stays due. A chunk that fails is
     * evaluated again partner by partner, so one partner whose evaluation keeps failing holds back only itself
     * (its marks stay for the next run).
     */
    public DueEvaluated evaluateDue(String flow) {
        return evaluateDue(List.of(flow));
    }

    /** The same for the partners any of these flows marked: a partner several of them touched is evaluated once. */
    public DueEvaluated evaluateDue(Collection<String> flows) {
        String flow = String.join(", ", flows);
        String after = "";
        int partners = 0;
        TierChanges changes = TierChanges.none();
        while (true) {
            List<String> chunk;
            try {
                chunk = due.partnersAfter(flows, after, CHUNK);
            } catch (RuntimeException storeUnavailable) {
                // The changes made so far are committed: they are returned, to reach Salesforce, not lost.
                log.error("Finding the partners {} marked due stopped: {}", flow, storeUnavailable.toString());
                break;
            }
            if (chunk.isEmpty()) {
                break;
            }
            try {
                DueEvaluated done = evaluateDueChunk(flows, chunk);
                partners += done.partners();
                changes = changes.and(done.changes());
            } catch (org.springframework.dao.DataAccessResourceFailureException
                    | org.springframework.dao.TransientDataAccessException storeUnavailable) {
                // Partner by partner would only meet the same outage 500 times; the marks wait for the next run.
                log.error("Evaluating the tiers of the partners {} marked due stopped: {}", flow, storeUnavailable);
                break;
            } catch (RuntimeException chunkFailed) {
                for (String partner : chunk) {
                    try {
                        DueEvaluated done = evaluateDueChunk(flows, List.of(partner));
                        partners += done.partners();
                        changes = changes.and(done.changes());
                    } catch (RuntimeException e) {
                        log.error(
                                "Evaluating the tier of partner {} ({} marked it due) failed; its marks stay",
                                partner,
                                flow,
                                e);
                    }
                }
            }
            after = chunk.get(chunk.size() - 1);
        }
        if (partners > 0) {
            log.debug("{}: {} partners evaluated at the run's end, tier changes: {}", flow, partners, changes);
        }
        return new DueEvaluated(partners, changes);
    }

    private DueEvaluated evaluateDueChunk(Collection<String> flows, List<String> chunk) {
        return exclusively(tx -> {
            List<Long> marks = due.marksOf(flows, chunk);
            List<PartnerFactsReader.PartnerRow> live = facts.partners(chunk);
            List<String> changed = evaluate(live, LocalDate.now(clock), RowStamp.MOVE);
            due.clear(marks);
            return new DueEvaluated(live.size(), TierChanges.of(changed));
        });
    }

    /** In a transaction of its own that first takes the evaluations' turn, on this node and then in the store. */
    private <T> T exclusively(TransactionCallback<T> work) {
        oneAtATime.lock();
        try {
            return transaction.execute(tx -> {
                tasks.holdUntilCommit(TASK);
                plans.forThisTransaction();
                return work.doInTransaction(tx);
            });
        } finally {
            oneAtATime.unlock();
        }
    }

    /** What the rules decide for one partner today, without storing anything. */
    public Optional<TierDecision> preview(String partnerId) {
        LocalDate today = LocalDate.now(clock);
        return facts.partners(List.of(partnerId)).stream()
                .findFirst()
                .map(partner -> engine.evaluate(
                        factsWithEarnedPoints(List.of(partner), today).get(partnerId), standingOf(partner), today));
    }

    /**
     * The partners' tier facts, their activity points those the engagement rules' ledger gives their records
     * (within its caps), as an evaluation counts them; nothing is recorded.
     */
    Map<String, PartnerFacts> factsWithEarnedPoints(List<PartnerFactsReader.PartnerRow> partners, LocalDate today) {
        List<String> ids =
                partners.stream().map(PartnerFactsReader.PartnerRow::partnerId).toList();
        return withEarnedPoints(
                facts.facts(partners, today.minusYears(YEARS_OF_HISTORY)), engagement.prepare(ids, today, false));
    }

    private static Map<String, PartnerFacts> withEarnedPoints(
            Map<String, PartnerFacts> tierFacts, EngagementEvaluation.Prepared engagementFacts) {
        Map<String, PartnerFacts> withPoints = new java.util.HashMap<>();
        tierFacts.forEach((partner, partnerFacts) ->
                withPoints.put(partner, partnerFacts.withActivities(engagementFacts.pointsForTiers(partner))));
        return withPoints;
    }

    /** Applies an admin's approval or rejection of a pending demotion; empty when there is none. */
    public Optional<TierDecision> decideDemotion(String partnerId, boolean approve) {
        LocalDate today = LocalDate.now(clock);
        return exclusively(tx -> facts.partners(List.of(partnerId)).stream()
                .findFirst()
                .filter(partner -> standingOf(partner).pendingTier().isPresent())
                .map(partner -> {
                    TierStanding standing = standingOf(partner);
                    TierDecision decision = approve
                            ? engine.approveDemotion(partnerId, standing, today)
                            : engine.rejectDemotion(partnerId, standing, today);
                    Writes writes = new Writes(clock.instant(), RowStamp.MOVE);
                    writes.record(partner, standing, decision);
                    writes.store();
                    return decision;
                }));
    }

    TierStanding standingOf(PartnerFactsReader.PartnerRow partner) {
        TierStanding own = memberships
                .standings(List.of(partner.partnerId()))
                .getOrDefault(partner.partnerId(), TierStanding.none());
        return withOverride(own, partner);
    }

    /** Evaluates and stores a chunk of partners; returns those that changed tier. */
    private List<String> evaluate(List<PartnerFactsReader.PartnerRow> chunk, LocalDate today, RowStamp stamp) {
        if (chunk.isEmpty()) {
            return List.of();
        }
        List<String> ids =
                chunk.stream().map(PartnerFactsReader.PartnerRow::partnerId).toList();
        EngagementEvaluation.Prepared engagementFacts = engagement.prepare(ids, today, true);
        Map<String, PartnerFacts> factsById =
                withEarnedPoints(facts.facts(chunk, today.minusYears(YEARS_OF_HISTORY)), engagementFacts);
        Map<String, TierStanding> standings = memberships.standings(
                chunk.stream().map(PartnerFactsReader.PartnerRow::partnerId).toList());
        // The rules are plain computation, partner by partner: spread over the cores, as is the JSON of each
        // explanation to be stored. The store's work stays on this thread, in its transaction.
        Map<String, Decided> decided = chunk.parallelStream()
                .map(partner -> {
                    TierStanding before = standings.get(partner.partnerId());
                    TierDecision decision = engine.evaluate(
                            factsById.get(partner.partnerId()),
                            withOverride(before == null ? TierStanding.none() : before, partner),
                            today);
                    return new Decided(
                            partner.partnerId(),
                            decision,
                            Writes.toStore(partner, before, decision) ? toJson(decision) : null);
                })
                .collect(java.util.stream.Collectors.toMap(Decided::partnerId, d -> d));
        Map<String, TierDecision> decisions = new java.util.HashMap<>();
        decided.forEach((partner, d) -> decisions.put(partner, d.decision()));
        // Everything is read; from here on the chunk writes, in batches of single rows by key.
        List<String> changed = new java.util.ArrayList<>();
        plans.batchedWrites(() -> {
            // Engagement first: it takes long enough that a tier stamp taken before it could fall behind the settle
            // lag.
            Map<String, PartnerAccounts.EngagementShown> engagementShown =
                    engagement.evaluate(engagementFacts, decisions, today);
            // Stamped as late as possible: the flows that carry tiers to Salesforce find changes by updated_at, and
            // a stamp much older than the commit could fall behind their watermark.
            Writes writes = new Writes(clock.instant(), stamp);
            engagementShown.forEach(writes::showEngagement);
            for (PartnerFactsReader.PartnerRow partner : chunk) {
                Decided d = decided.get(partner.partnerId());
                writes.record(partner, standings.get(partner.partnerId()), d.decision(), d.explanation());
            }
            changed.addAll(writes.store());
        });
        return changed;
    }

    /** A partner's decision, with its explanation as JSON when the decision is to be stored. */
    private record Decided(String partnerId, TierDecision decision, String explanation) {}

    /**
     * What a chunk's decisions store, gathered partner by partner and written in batches: the standings, the
     * history of tier changes, and what the partner rows show (the tier, and the engagement evaluated with it).
     */
    private final class Writes {
        private final Instant now;
        private final RowStamp stamp;
        private final List<TierMemberships.StandingToSave> standings = new java.util.ArrayList<>();
        private final List<TierMemberships.TierChange> changes = new java.util.ArrayList<>();
        private final List<String> tierChanged = new java.util.ArrayList<>();
        private final Map<String, PartnerAccounts.RowShows> rowShows = new java.util.LinkedHashMap<>();

        Writes(Instant now, RowStamp stamp) {
            this.now = now;
            this.stamp = stamp;
        }

        /**
         * Whether the decision stores anything: a new or changed standing, or a tier the partner row does not
         * show yet. Most partners of a scheduled evaluation store nothing, so need no explanation rendered.
         */
        static boolean toStore(PartnerFactsReader.PartnerRow partner, TierStanding before, TierDecision decision) {
            return before == null
                    || !(decision instanceof TierDecision.Unchanged)
                    || !Objects.equals(decision.tier(), partner.tierCode());
        }

        void record(PartnerFactsReader.PartnerRow partner, TierStanding before, TierDecision decision) {
            record(partner, before, decision, toStore(partner, before, decision) ? toJson(decision) : null);
        }

        /** @param explanation the decision's explanation as JSON, when {@link #toStore} */
        void record(
                PartnerFactsReader.PartnerRow partner, TierStanding before, TierDecision decision, String explanation) {
            if (!toStore(partner, before, decision)) {
                return;
            }
            boolean saved = before == null || !(decision instanceof TierDecision.Unchanged);
            boolean changed = !Objects.equals(decision.tier(), partner.tierCode());
            if (saved) {
                standings.add(
                        new TierMemberships.StandingToSave(partner.partnerId(), decision, explanation, before != null));
            }
            if (changed) {
                changes.add(new TierMemberships.TierChange(
                        partner.partnerId(),
                        partner.tierCode(),
                        decision.tier(),
                        decision.getClass().getSimpleName(),
                        explanation));
                tierChanged.add(partner.partnerId());
                rowShows.merge(
                        partner.partnerId(),
                        new PartnerAccounts.RowShows(decision.tier(), null),
                        (engagement, tier) -> engagement.withTier(decision.tier()));
            }
        }

        void showEngagement(String partnerId, PartnerAccounts.EngagementShown shown) {
            rowShows.merge(
                    partnerId,
                    new PartnerAccounts.RowShows(null, shown),
                    (tier, engagement) -> new PartnerAccounts.RowShows(tier.tier(), shown));
        }

        /** Writes what was recorded; returns the partners whose tier changed. */
        List<String> store() {
            String rulesVersion = engine.rules().rulesVersion();
            memberships.saveAll(standings, rulesVersion, now);
            memberships.recordChanges(changes, rulesVersion, now);
            tierChangeMetrics.recorded(changes);
            memberships.show(rowShows, stamp == RowStamp.MOVE ? Optional.of(now) : Optional.empty());
            return List.copyOf(tierChanged);
        }
    }

    /**
     * Lays a channel manager's override on the standing. Salesforce picklists often hold labels, so the override
     * may name a tier by code or by name, in any case; a value that names no tier is ignored, and said so.
     */
    private TierStanding withOverride(TierStanding standing, PartnerFactsReader.PartnerRow partner) {
        if (partner.overrideTier() == null || partner.overrideExpiresOn() == null) {
            return standing;
        }
        Optional<String> tier = engine.rules().tiers().stream()
                .filter(t -> t.code().equalsIgnoreCase(partner.overrideTier())
                        || t.name().equalsIgnoreCase(partner.overrideTier()))
                .map(io.prmsync.tier.Tier::code)
                .findFirst();
        if (tier.isEmpty()) {
            log.warn(
                    "Partner {}: override tier '{}' is no tier of rules {}; the override is ignored",
                    partner.partnerId(),
                    partner.overrideTier(),
                    engine.rules().rulesVersion());
            return standing;
        }
        return standing.withOverride(new TierStanding.ManualOverride(tier.get(), partner.overrideExpiresOn()));
    }

    private String toJson(TierDecision decision) {
        try {
            return json.writeValueAsString(decision.explanation());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Explanations are plain records and always serialise", e);
        }
    }
}
