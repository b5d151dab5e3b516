package io.prmsync.program;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.prmsync.engagement.EngagementAssessment;
import io.prmsync.engagement.EngagementEngine;
import io.prmsync.engagement.EngagementFacts;
import io.prmsync.engagement.LedgerEntry;
import io.prmsync.store.PartnerAccounts.EngagementShown;
import io.prmsync.tier.TierDecision;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A partner's engagement, evaluated with its tier: the same hook, the same chunk and the same transaction as
 * {@link TierEvaluation}, so whatever changed a partner's records (a sync run, a webhook, the daily evaluation of
 * every partner for what time alone changes) updates both, once per partner. Books the points ledger, stores the
 * evaluation with its history, and shows stage, risk, points, reasons and the next-best action on the partner row,
 * from where the partner-accounts flow carries them to the Account.
 */
@Component
public class EngagementEvaluation {

    static final String EVALUATIONS = "prm_sync.engagement.evaluations";
    static final String PARTNERS_EVALUATED = "prm_sync.engagement.partners.evaluated";

    /** Salesforce text fields hold 255 characters; the partner row keeps what the Account can. */
    static final int SHOWN_TEXT = 255;

    private final EngagementEngine engine;
    private final EngagementFactsReader reader;
    private final EngagementStore store;
    private final ObjectMapper json;
    private final Clock clock;
    private final Timer timer;
    private final Counter partnersEvaluated;

    EngagementEvaluation(
            EngagementEngine engine,
            EngagementFactsReader reader,
            EngagementStore store,
            ObjectMapper json,
            Clock clock,
            MeterRegistry meters) {
        this.timer = Timer.builder(EVALUATIONS)
                .description("Engagement evaluations of a chunk of partners, within the tier evaluation")
                .register(meters);
        this.partnersEvaluated = Counter.builder(PARTNERS_EVALUATED)
                .description("Partners whose engagement was evaluated")
                .register(meters);
        this.engine = engine;
        this.reader = reader;
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Evaluates the partners in the caller's transaction and stores all but what their rows show, which is
     * returned (partner id → the engagement to show, for the rows where it changes): the tier evaluation writes it
     * with the tiers, so a partner row is written once.
     *
     * @param decisions the tier decisions just made for them (their tier, standing and what the next tier needs)
     */
    Map<String, EngagementShown> evaluate(Prepared prepared, Map<String, TierDecision> decisions, LocalDate today) {
        return timer.record(() -> evaluateTimed(prepared, decisions, today));
    }

    /**
     * The partners' records read before their tiers are decided, with the points they earn: the tier rules count
     * those points, then {@link #evaluate} finishes with the tiers decided. {@code record}: the evaluation will be
     * stored, so the ledger as booked is read too (everything an evaluation reads is read before it writes); a
     * preview or dry run records nothing.
     */
    Prepared prepare(List<String> partnerIds, LocalDate today, boolean record) {
        return timer.record(() -> {
            List<EngagementFactsReader.PartnerRow> partners = reader.partners(partnerIds);
            EngagementFactsReader.FactsRead read = reader.factsBeforeTiers(partners, today);
            Map<String, List<LedgerEntry>> ledger = new HashMap<>();
            read.facts().forEach((partner, partnerFacts) -> ledger.put(partner, engine.ledger(partnerFacts)));
            Map<String, EngagementStore.Booked> booked = record
                    ? store.booked(
                            partners.stream()
                                    .map(EngagementFactsReader.PartnerRow::partnerId)
                                    .toList(),
                            ledger)
                    : Map.of();
            return new Prepared(partners, read.facts(), ledger, engine, read.decisions(), booked, record);
        });
    }

    /**
     * Partners' records read for an evaluation, the ledger entries each partner's records earn, and what storing
     * the evaluation compares with: the deal decisions seen, the ledger as booked.
     */
    record Prepared(
            List<EngagementFactsReader.PartnerRow> partners,
            Map<String, EngagementFacts> facts,
            Map<String, List<LedgerEntry>> ledger,
            EngagementEngine engine,
            EngagementFactsReader.DecisionsSeen decisions,
            Map<String, EngagementStore.Booked> booked,
            boolean forStoring) {

        /** The partner's points within the caps, as the tier rules' activity-points criterion counts them. */
        List<io.prmsync.tier.PartnerFacts.Activity> pointsForTiers(String partnerId) {
            return engine.withinCaps(ledger.getOrDefault(partnerId, List.of())).stream()
                    .map(entry -> new io.prmsync.tier.PartnerFacts.Activity(entry.earnedOn(), entry.points()))
                    .toList();
        }
    }

    private Map<String, EngagementShown> evaluateTimed(
            Prepared prepared, Map<String, TierDecision> decisions, LocalDate today) {
        if (!prepared.forStoring()) {
            throw new IllegalStateException("Partners prepared for a preview have no ledger read to store against");
        }
        List<EngagementFactsReader.PartnerRow> partners = prepared.partners();
        if (partners.isEmpty()) {
            return Map.of();
        }
        Map<String, List<LedgerEntry>> ledger = new HashMap<>();
        partners.forEach(partner ->
                ledger.put(partner.partnerId(), prepared.ledger().getOrDefault(partner.partnerId(), List.of())));
        // The rules, the explanations and their hashes are plain computation, partner by partner, and much of a
        // first evaluation: spread over the cores. The store's work stays on this thread, in its transaction.
        List<EngagementStore.Evaluated> evaluated = partners.parallelStream()
                .map(partner -> evaluated(
                        partner,
                        EngagementFactsReader.withTier(
                                prepared.facts().get(partner.partnerId()), decisions.get(partner.partnerId())),
                        today))
                .toList();
        Instant now = clock.instant();
        reader.record(prepared.decisions());
        store.syncLedger(
                ledger.keySet(),
                ledger,
                prepared.booked(),
                today.minusYears(EngagementFactsReader.YEARS_OF_HISTORY),
                now);
        Map<String, EngagementShown> shown = store.save(evaluated, now);
        partnersEvaluated.increment(partners.size());
        return shown;
    }

    private EngagementStore.Evaluated evaluated(
            EngagementFactsReader.PartnerRow partner, EngagementFacts partnerFacts, LocalDate today) {
        EngagementAssessment assessment = engine.evaluate(partnerFacts, today);
        String explanation = toJson(assessment);
        return new EngagementStore.Evaluated(
                assessment,
                explanation,
                sha256(explanation),
                toJson(assessment.stageExplanation()),
                partner.explanationHash(),
                partner.stage(),
                partner.shown(),
                shown(assessment),
                partner.satisfaction(),
                partner.previousSatisfaction());
    }

    /** What the partner row shows of an evaluation. */
    static EngagementShown shown(EngagementAssessment assessment) {
        return new EngagementShown(
                assessment.stage(),
                assessment.risk(),
                assessment.atRisk(),
                assessment.points(),
                assessment.topReasons().isEmpty() ? null : clip(String.join("; ", assessment.topReasons())),
                assessment.actions().isEmpty()
                        ? null
                        : clip(assessment.actions().get(0).text()));
    }

    private static String clip(String text) {
        return text.length() <= SHOWN_TEXT ? text : text.substring(0, SHOWN_TEXT - 1) + "…";
    }

    /** The partner's last evaluation as stored, with its explanation; empty before its first. */
    public Optional<Map<String, Object>> stored(String partnerId) {
        return store.explanation(partnerId).map(explanation -> {
            Map<String, Object> answer = new java.util.LinkedHashMap<>();
            answer.put("evaluation", fromJson(explanation));
            answer.put("ledger", store.ledger(partnerId));
            answer.put("history", store.history(partnerId));
            return answer;
        });
    }

    /** Partners at or above the risk, riskiest first, at most {@code limit}. */
    public List<EngagementStore.AtRisk> atRisk(int minimum, int limit) {
        return store.atRisk(minimum, limit);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An engagement explanation could not be written", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private Object fromJson(String explanation) {
        try {
            return json.readTree(explanation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored engagement explanation is not JSON", e);
        }
    }
}
