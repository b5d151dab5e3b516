package io.prmsync.tier;

import io.prmsync.tier.TierDecision.Assigned;
import io.prmsync.tier.TierDecision.Demoted;
import io.prmsync.tier.TierDecision.DemotionPending;
import io.prmsync.tier.TierDecision.GraceCleared;
import io.prmsync.tier.TierDecision.GraceStarted;
import io.prmsync.tier.TierDecision.InGrace;
import io.prmsync.tier.TierDecision.Overridden;
import io.prmsync.tier.TierDecision.Promoted;
import io.prmsync.tier.TierDecision.PromotionDeferred;
import io.prmsync.tier.TierDecision.Unchanged;
import io.prmsync.tier.TierStanding.ManualOverride;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One partner's evaluation on one day: turns a {@link TierAssessment} into a decision, timing included. */
final class Evaluation {

    private final TierRules rules;
    private final String partnerId;
    private final LocalDate today;
    private final TierAssessment assessment;
    private final List<String> notes = new ArrayList<>();

    Evaluation(TierRules rules, PartnerFacts facts, LocalDate today) {
        this.rules = rules;
        this.partnerId = facts.partnerId();
        this.today = today;
        this.assessment = TierAssessment.of(rules, facts, today);
    }

    TierDecision decide(TierStanding standing) {
        Optional<ManualOverride> override = standing.override();
        if (override.isPresent() && override.get().isActiveOn(today)) {
            return overridden(standing, override.get());
        }
        override.ifPresent(expired -> notes.add("Manual override " + expired.tier() + " expired on "
                + expired.expiresOn() + "; the rules decide again"));
        TierStanding own = standing.withoutOverride();
        Optional<Tier> current = own.tier().flatMap(rules::tier);
        if (current.isEmpty()) {
            return assign(own);
        }
        if (rules.rank(assessment.qualified()) > rules.rank(current.get())) {
            return promote(own, current.get(), assessment.qualified());
        }
        return assessment.keeps(current.get()) ? keep(own, current.get()) : fallShort(own, current.get());
    }

    // While an override is in force the partner's own standing is left exactly as it was, so the rules pick
    // up from there when the override ends.
    private TierDecision overridden(TierStanding standing, ManualOverride override) {
        Tier byRules = assessment.target(standing.tier().flatMap(rules::tier));
        return new Overridden(
                override.tier(),
                override.expiresOn(),
                byRules.code(),
                standing,
                explain("Manual override: " + override.tier() + " until " + override.expiresOn()
                        + " (the rules alone would give " + byRules.code() + ")"));
    }

    private TierDecision assign(TierStanding own) {
        own.tier()
                .ifPresent(unknown -> notes.add("Tier " + unknown + " is not defined in rules " + rules.rulesVersion()
                        + "; the partner is placed afresh"));
        Tier tier = assessment.qualified();
        String reason = tier.equals(rules.lowest())
                ? "no higher tier's promote-when criteria met"
                : Wording.met("promote-when", assessment.promoteWhen(tier));
        return new Assigned(
                tier.code(), own.movedTo(tier.code(), today), explain("Assigned " + tier.code() + ": " + reason));
    }

    private TierDecision promote(TierStanding own, Tier current, Tier qualified) {
        String reason = Wording.met("promote-when", assessment.promoteWhen(qualified));
        LocalDate effectiveFrom = rules.promotion().effectiveFrom(today);
        if (effectiveFrom.equals(today)) {
            return new Promoted(
                    current.code(),
                    qualified.code(),
                    own.movedTo(qualified.code(), today),
                    explain("Promoted " + current.code() + " → " + qualified.code() + ": " + reason));
        }
        // Qualifying for a higher tier is more than keeping this one, so a grace period on it ends here.
        return new PromotionDeferred(
                current.code(),
                qualified.code(),
                effectiveFrom,
                own.settled(),
                explain("Stays " + current.code() + " until " + effectiveFrom + ": qualifies for " + qualified.code()
                        + " (" + reason + "), and promotions only take effect in the first month of a quarter"));
    }

    private TierDecision keep(TierStanding own, Tier current) {
        String reason = assessment.reasonToHold(current);
        if (own.graceUntil().isPresent() || own.pendingTier().isPresent()) {
            return new GraceCleared(
                    current.code(),
                    own.settled(),
                    explain("Grace cleared for " + current.code() + ": " + reason + " again"));
        }
        return new Unchanged(current.code(), own, explain("Unchanged " + current.code() + ": " + reason));
    }

    private TierDecision fallShort(TierStanding own, Tier current) {
        String failures = Wording.failures(assessment.keepWhen(current));
        LocalDate graceUntil = own.graceUntil().orElse(today.plus(current.gracePeriod()));
        LocalDate dropFrom = rules.maintenance().dropFrom(graceUntil);
        if (today.isBefore(dropFrom)) {
            return inGrace(own, current, graceUntil, dropFrom, failures);
        }
        Tier landing = assessment.landingBelow(current);
        notes.add("Lands on " + landing.code() + ", the highest lower tier whose keep-when or promote-when"
                + " criteria are met");
        String why = (own.graceUntil().isPresent() ? "grace ended " + graceUntil + "; " : "no grace period; ")
                + "keep-when not met: " + failures;
        if (rules.demotion() == DemotionMode.APPROVAL) {
            return new DemotionPending(
                    current.code(),
                    landing.code(),
                    own.withGraceUntil(graceUntil).withPendingTier(landing.code()),
                    explain("Demotion " + current.code() + " → " + landing.code() + " awaits approval: " + why));
        }
        return new Demoted(
                current.code(),
                landing.code(),
                own.movedTo(landing.code(), today),
                explain("Demoted " + current.code() + " → " + landing.code() + ": " + why));
    }

    private TierDecision inGrace(
            TierStanding own, Tier current, LocalDate graceUntil, LocalDate dropFrom, String failures) {
        String waiting =
                dropFrom.equals(graceUntil) ? "" : "; the drop waits for the program year starting " + dropFrom;
        if (own.graceUntil().isEmpty()) {
            return new GraceStarted(
                    current.code(),
                    graceUntil,
                    dropFrom,
                    own.withGraceUntil(graceUntil),
                    explain("Grace started for " + current.code() + " until " + graceUntil + waiting
                            + ": keep-when not met: " + failures));
        }
        String state = today.isBefore(graceUntil)
                ? "In grace for " + current.code() + " until " + graceUntil
                : "Grace for " + current.code() + " ended " + graceUntil;
        return new InGrace(
                current.code(),
                graceUntil,
                dropFrom,
                own,
                explain(state + waiting + ": keep-when still not met: " + failures));
    }

    private Explanation explain(String summary) {
        return new Explanation(partnerId, rules.rulesVersion(), today, summary, assessment.explain(), notes);
    }
}
