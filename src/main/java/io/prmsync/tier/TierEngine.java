package io.prmsync.tier;

import io.prmsync.tier.TierDecision.Demoted;
import io.prmsync.tier.TierDecision.DemotionRejected;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Decides partner tiers under one set of {@link TierRules}. Stateless and thread-safe: everything a decision
 * depends on is passed in, so the same facts, standing and day always give the same decision.
 */
public final class TierEngine {

    private final TierRules rules;

    public TierEngine(TierRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public TierRules rules() {
        return rules;
    }

    /** Evaluates on today's date in the clock's time zone. */
    public TierDecision evaluate(PartnerFacts facts, TierStanding standing, Clock clock) {
        return evaluate(facts, standing, LocalDate.now(clock));
    }

    public TierDecision evaluate(PartnerFacts facts, TierStanding standing, LocalDate today) {
        return new Evaluation(rules, facts, today).decide(standing);
    }

    /**
     * Where the rules put the partner once grace, cadence and approvals have played out, ignoring any override;
     * what a dry run compares.
     */
    public Tier target(PartnerFacts facts, TierStanding standing, LocalDate today) {
        return TierAssessment.of(rules, facts, today).target(standing.tier().flatMap(rules::tier));
    }

    /** An admin approves the pending demotion: the partner moves to the pending tier from {@code today}. */
    public TierDecision approveDemotion(String partnerId, TierStanding standing, LocalDate today) {
        String from = standing.tier().orElseThrow(() -> new IllegalStateException(partnerId + " holds no tier"));
        String to = pendingTier(partnerId, standing);
        return new Demoted(
                from,
                to,
                standing.movedTo(to, today),
                adminExplanation(partnerId, today, "Demoted " + from + " → " + to + ": approved by an admin"));
    }

    /**
     * An admin rejects the pending demotion. The grace period is cleared along with it, so if the partner is
     * still short of keep-when the next evaluation starts a fresh, full grace period rather than asking again
     * the next day.
     */
    public TierDecision rejectDemotion(String partnerId, TierStanding standing, LocalDate today) {
        String tier = standing.tier().orElseThrow(() -> new IllegalStateException(partnerId + " holds no tier"));
        String to = pendingTier(partnerId, standing);
        return new DemotionRejected(
                tier,
                standing.settled(),
                adminExplanation(partnerId, today, "Stays " + tier + ": demotion to " + to + " rejected by an admin"));
    }

    private static String pendingTier(String partnerId, TierStanding standing) {
        return standing.pendingTier()
                .orElseThrow(() -> new IllegalStateException(partnerId + " has no demotion waiting for approval"));
    }

    // An admin's decision is not an evaluation, so it carries no criteria: the evaluation that proposed the
    // demotion was stored with its own explanation.
    private Explanation adminExplanation(String partnerId, LocalDate today, String summary) {
        return new Explanation(partnerId, rules.rulesVersion(), today, summary, List.of(), List.of());
    }
}
