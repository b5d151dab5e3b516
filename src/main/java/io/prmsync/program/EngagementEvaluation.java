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
import io.prmsync.tier.TierDecision;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
     * Evaluates the partners in the caller's transaction.
     *
     * @param decisions the tier decisions just made for them (their tier, standing and what the next tier needs)
     * @param moveStamp whether partner rows whose shown values change take a new change time (now, just before they
     *     are written), or keep theirs (rows about to be sent)
     */
    void evaluate(Prepared prepared, Map<String, TierDecision> decisions, LocalDate today, boolean moveStamp) {
        timer.record(() -> evaluateTimed(prepared, decisions, today, moveStamp));
    }

    /**
     * The partners' records read before their tiers are decided, with the points they earn: the tier rules count
     * those points, then {@link #evaluate} finishes with the tiers decided. {@code record}: the evaluation will be
     * stored (decisions seen for the first time are recorded); a preview or dry run records nothing.
     */
    Prepared prepare(List<String> partnerIds, LocalDate today, boolean record) {
        return timer.record(() -> {
            List<EngagementFactsReader.PartnerRow> partners = reader.partners(partnerIds);
            Map<String, EngagementFacts> facts = reader.factsBeforeTiers(partners, today, record);
            Map<String, List<LedgerEntry>> ledger = new HashMap<>();
            facts.forEach((partner, partnerFacts) -> ledger.put(partner, engine.ledger(partnerFacts)));
            return new Prepared(partners, facts, ledger, engine);
        });
    }

    /** Partners' records read for an evaluation, and the ledger entries each partner's records earn. */
    record Prepared(
            List<EngagementFactsReader.PartnerRow> partners,
            Map<String, EngagementFacts> facts,
            Map<String, List<LedgerEntry>> ledger,
            EngagementEngine engine) {

        /** The partner's points within the caps, as the tier rules' activity-points criterion counts them. */
        List<io.prmsync.tier.PartnerFacts.Activity> pointsForTiers(String partnerId) {
            return engine.withinCaps(ledger.getOrDefault(partnerId, List.of())).stream()
                    .map(entry -> new io.prmsync.tier.PartnerFacts.Activity(entry.earnedOn(), entry.points()))
                    .toList();
        }
    }

    private void evaluateTimed(
            Prepared prepared, Map<String, TierDecision> decisions, LocalDate today, boolean moveStamp) {
        List<EngagementFactsReader.PartnerRow> partners = prepared.partners();
        if (partners.isEmpty()) {
            return;
        }
        Map<String, List<LedgerEntry>> ledger = new HashMap<>();
        List<EngagementStore.Evaluated> evaluated = new ArrayList<>();
        for (EngagementFactsReader.PartnerRow partner : partners) {
            EngagementFacts partnerFacts = EngagementFactsReader.withTier(
                    prepared.facts().get(partner.partnerId()), decisions.get(partner.partnerId()));
            ledger.put(partner.partnerId(), prepared.ledger().getOrDefault(partner.partnerId(), List.of()));
            EngagementAssessment assessment = engine.evaluate(partnerFacts, today);
            String explanation = toJson(assessment);
            evaluated.add(new EngagementStore.Evaluated(
                    assessment,
                    explanation,
                    sha256(explanation),
                    toJson(assessment.stageExplanation()),
                    partner.explanationHash(),
                    partner.stage(),
                    partner.shown(),
                    shown(assessment),
                    partner.satisfaction(),
                    partner.previousSatisfaction()));
        }
        Instant now = clock.instant();
        store.syncLedger(ledger.keySet(), ledger, today.minusYears(EngagementFactsReader.YEARS_OF_HISTORY), now);
        // Stamped as late as possible, for the same reason as the tiers: see TierEvaluation.
        store.save(evaluated, now, moveStamp ? Optional.of(clock.instant()) : Optional.empty());
        partnersEvaluated.increment(partners.size());
    }

    /** What the partner row shows of an evaluation. */
    static EngagementFactsReader.Shown shown(EngagementAssessment assessment) {
        return new EngagementFactsReader.Shown(
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
