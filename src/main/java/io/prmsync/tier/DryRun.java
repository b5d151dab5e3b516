package io.prmsync.tier;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Shows which partners a rule change would move before an admin applies it. It compares where each rule set
 * puts a partner once grace, cadence and approvals have played out, and ignores manual overrides, so the
 * admin sees the whole effect of the change at once rather than only what would happen today.
 */
public final class DryRun {

    private DryRun() {}

    public record Partner(PartnerFacts facts, TierStanding standing) {
        public Partner {
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(standing, "standing");
        }
    }

    /** A partner the new rules put elsewhere; {@code reason} explains where the new rules put it. */
    public record Move(
            String partnerId,
            Optional<String> currentTier,
            String underOldRules,
            String underNewRules,
            String reason) {}

    public record Report(
            String oldRulesVersion,
            String newRulesVersion,
            LocalDate evaluatedOn,
            int partnersEvaluated,
            List<Move> moves) {
        public Report {
            moves = List.copyOf(moves);
        }
    }

    /** Partners are read one at a time, so an {@link Iterable} streaming from the store keeps memory flat. */
    public static Report compare(TierRules oldRules, TierRules newRules, Iterable<Partner> partners, LocalDate today) {
        List<Move> moves = new ArrayList<>();
        int evaluated = 0;
        for (Partner partner : partners) {
            evaluated++;
            Optional<String> current = partner.standing().tier();
            Tier before = TierAssessment.of(oldRules, partner.facts(), today).target(current.flatMap(oldRules::tier));
            TierAssessment after = TierAssessment.of(newRules, partner.facts(), today);
            Optional<Tier> currentUnderNew = current.flatMap(newRules::tier);
            Tier target = after.target(currentUnderNew);
            if (!before.code().equals(target.code())) {
                moves.add(new Move(
                        partner.facts().partnerId(),
                        current,
                        before.code(),
                        target.code(),
                        reason(newRules, after, currentUnderNew, target)));
            }
        }
        return new Report(oldRules.rulesVersion(), newRules.rulesVersion(), today, evaluated, moves);
    }

    private static String reason(TierRules rules, TierAssessment assessment, Optional<Tier> current, Tier target) {
        if (current.isPresent() && current.get().equals(target)) {
            return "keeps " + target.code() + ": " + assessment.reasonToHold(target);
        }
        if (current.isPresent() && rules.rank(target) < rules.rank(current.get())) {
            return current.get().code() + " keep-when not met: " + Wording.failures(assessment.keepWhen(current.get()));
        }
        return target.equals(rules.lowest())
                ? "qualifies for " + target.code() + ": no higher tier's promote-when criteria met"
                : "qualifies for " + target.code() + ": " + Wording.met("promote-when", assessment.promoteWhen(target));
    }
}
