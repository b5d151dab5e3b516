package io.prmsync.engagement;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates the engagement rules for one partner: ledger, points, stage, churn risk and next-best actions. Plain
 * Java without state besides the rules, so one engine can serve every partner of a run, from any thread.
 */
public final class EngagementEngine {

    private final EngagementRules rules;

    public EngagementEngine(EngagementRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public EngagementRules rules() {
        return rules;
    }

    /** The ledger entries the partner's records earn (what the store keeps, one row per source). */
    public List<LedgerEntry> ledger(EngagementFacts facts) {
        return PointsLedger.entries(facts, rules);
    }

    /**
     * The entries of a ledger that its caps let count, each on the day it was earned: what the tier rules'
     * activity-points criterion counts, so that one number means activity points everywhere.
     */
    public List<LedgerEntry> withinCaps(List<LedgerEntry> ledger) {
        return PointsScore.withinCaps(ledger, rules);
    }

    public EngagementAssessment evaluate(EngagementFacts facts, LocalDate today) {
        List<LedgerEntry> ledger = ledger(facts);
        PointsScore points = PointsScore.on(ledger, rules, today);
        List<LedgerEntry> withinCaps = PointsScore.withinCaps(ledger, rules);
        StageEvaluation stage =
                StageEvaluation.of(rules, StageContext.of(facts, today, rules.dealDecisionSla(), withinCaps));
        ChurnRisk risk = ChurnRisk.of(rules, new RiskInputs(facts, today, stage, withinCaps, rules.dealDecisionSla()));
        List<Action> actions = NextBestActions.of(facts, rules, risk, today);
        return new EngagementAssessment(
                facts.partnerId(),
                rules.rulesVersion(),
                today,
                stage.stage(),
                stage.name(),
                stage.stages(),
                points.total(),
                points.byKind(),
                risk.score(),
                risk.atRisk(),
                risk.signals(),
                risk.topReasons(),
                DecisionSpeed.of(facts, rules.dealDecisionSla(), today),
                actions);
    }
}
