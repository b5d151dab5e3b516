package io.prmsync.tier;

import io.prmsync.tier.Explanation.TierExplanation;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Every tier's criteria checked once for one partner on one day, and the questions the engine asks of them.
 * Timing (grace, cadence, approval, overrides) is not its concern; see {@link Evaluation}.
 */
final class TierAssessment {

    private final TierRules rules;
    private final List<CheckResult> promoteWhen;
    private final List<CheckResult> keepWhen;

    private TierAssessment(TierRules rules, List<CheckResult> promoteWhen, List<CheckResult> keepWhen) {
        this.rules = rules;
        this.promoteWhen = promoteWhen;
        this.keepWhen = keepWhen;
    }

    static TierAssessment of(TierRules rules, PartnerFacts facts, LocalDate today) {
        return new TierAssessment(
                rules,
                rules.tiers().stream()
                        .map(tier -> tier.promoteWhen().check(facts, today))
                        .toList(),
                rules.tiers().stream()
                        .map(tier -> tier.keepWhen().check(facts, today))
                        .toList());
    }

    CheckResult promoteWhen(Tier tier) {
        return promoteWhen.get(rules.rank(tier));
    }

    CheckResult keepWhen(Tier tier) {
        return keepWhen.get(rules.rank(tier));
    }

    /** The highest tier whose promote-when holds; the lowest tier always does. */
    Tier qualified() {
        for (int rank = rules.tiers().size() - 1; rank > 0; rank--) {
            if (promoteWhen.get(rank).met()) {
                return rules.tiers().get(rank);
            }
        }
        return rules.lowest();
    }

    /**
     * Meets {@code tier}'s keep-when, or qualifies for it or a higher tier by promote-when: a partner that earns
     * a tier afresh is never put in grace for it, even where an admin wrote keep-when stricter than promote-when.
     */
    boolean keeps(Tier tier) {
        return keepWhen(tier).met() || rules.rank(qualified()) >= rules.rank(tier);
    }

    /**
     * Where a partner that loses {@code tier} lands: the highest lower tier it still keeps (keep-when, or
     * promote-when). Keep-when rather than promote-when alone, so a Gold partner that still does everything a
     * Silver partner must keep doing lands on Silver instead of falling two levels.
     */
    Tier landingBelow(Tier tier) {
        for (int rank = rules.rank(tier) - 1; rank > 0; rank--) {
            if (keepWhen.get(rank).met() || promoteWhen.get(rank).met()) {
                return rules.tiers().get(rank);
            }
        }
        return rules.lowest();
    }

    /** Where the rules put the partner once grace, cadence and approvals have all played out. */
    Tier target(Optional<Tier> current) {
        if (current.isEmpty() || rules.rank(qualified()) > rules.rank(current.get())) {
            return qualified();
        }
        return keeps(current.get()) ? current.get() : landingBelow(current.get());
    }

    /** Why the partner keeps {@code tier}, as the end of a one-line summary. */
    String reasonToHold(Tier tier) {
        if (tier.equals(rules.lowest())) {
            return "no higher tier's promote-when criteria met";
        }
        return keepWhen(tier).met()
                ? Wording.met("keep-when", keepWhen(tier))
                : Wording.met("promote-when", promoteWhen(tier));
    }

    List<TierExplanation> explain() {
        return rules.tiers().stream()
                .map(tier -> new TierExplanation(tier.code(), tier.name(), promoteWhen(tier), keepWhen(tier)))
                .toList();
    }
}
