package io.prmsync.tier;

import java.time.LocalDate;

/**
 * The outcome of evaluating one partner. Every decision carries the partner's new {@link TierStanding}, which
 * the caller stores whenever it differs from the one it passed in, together with the {@link Explanation}.
 */
public sealed interface TierDecision {

    /** The tier the partner holds after this decision, override included. */
    String tier();

    TierStanding standing();

    Explanation explanation();

    /** A partner without a tier, or with one the rules no longer define, placed where it qualifies. */
    record Assigned(String tier, TierStanding standing, Explanation explanation) implements TierDecision {}

    record Unchanged(String tier, TierStanding standing, Explanation explanation) implements TierDecision {}

    record Promoted(String from, String to, TierStanding standing, Explanation explanation) implements TierDecision {
        @Override
        public String tier() {
            return to;
        }
    }

    /** Qualifies for {@code qualifiesFor}, but the promotion cadence only lets it move on {@code effectiveFrom}. */
    record PromotionDeferred(
            String tier, String qualifiesFor, LocalDate effectiveFrom, TierStanding standing, Explanation explanation)
            implements TierDecision {}

    /** Stopped meeting keep-when; keeps {@code tier} until at least {@code dropFrom}. */
    record GraceStarted(
            String tier, LocalDate graceUntil, LocalDate dropFrom, TierStanding standing, Explanation explanation)
            implements TierDecision {}

    /** Still short of keep-when, but the drop cannot happen before {@code dropFrom}. */
    record InGrace(
            String tier, LocalDate graceUntil, LocalDate dropFrom, TierStanding standing, Explanation explanation)
            implements TierDecision {}

    /** Meets keep-when again, so the grace period and any pending demotion are dropped. */
    record GraceCleared(String tier, TierStanding standing, Explanation explanation) implements TierDecision {}

    record Demoted(String from, String to, TierStanding standing, Explanation explanation) implements TierDecision {
        @Override
        public String tier() {
            return to;
        }
    }

    /** Under {@code demotion: approval}: the partner keeps {@code from} until an admin approves the drop. */
    record DemotionPending(String from, String to, TierStanding standing, Explanation explanation)
            implements TierDecision {
        @Override
        public String tier() {
            return from;
        }
    }

    /** An admin refused a pending demotion; the partner keeps {@code tier} and any grace starts afresh. */
    record DemotionRejected(String tier, TierStanding standing, Explanation explanation) implements TierDecision {}

    /** A manual override is in force; {@code byRules} is where the rules alone would put the partner. */
    record Overridden(String tier, LocalDate until, String byRules, TierStanding standing, Explanation explanation)
            implements TierDecision {}
}
