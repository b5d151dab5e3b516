package io.prmsync.tier;

import static io.prmsync.tier.Facts.partner;
import static io.prmsync.tier.Partners.LONG_AGO;
import static io.prmsync.tier.Partners.TODAY;
import static io.prmsync.tier.Partners.gold;
import static io.prmsync.tier.Partners.keepsGoldFacts;
import static io.prmsync.tier.Partners.slippingGoldFacts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prmsync.tier.TierDecision.Demoted;
import io.prmsync.tier.TierDecision.DemotionPending;
import io.prmsync.tier.TierDecision.DemotionRejected;
import io.prmsync.tier.TierDecision.GraceCleared;
import io.prmsync.tier.TierDecision.GraceStarted;
import io.prmsync.tier.TierDecision.InGrace;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Losing a tier: grace, demotion, approval and program-year maintenance; the rules are {@link TestRules}. */
class TierGraceAndDemotionTest {

    private final TierEngine engine = TestRules.engine();

    @Nested
    class GracePeriod {

        @Test
        void startsGraceAndKeepsTheTierWhenKeepWhenFails() {
            TierDecision decision = engine.evaluate(slippingGoldFacts(), gold(), TODAY);

            LocalDate graceUntil = LocalDate.of(2025, 4, 15);
            assertThat(decision)
                    .isEqualTo(new GraceStarted(
                            "GOLD", graceUntil, graceUntil, gold().withGraceUntil(graceUntil), decision.explanation()));
            assertThat(decision.explanation().summary())
                    .isEqualTo("Grace started for GOLD until 2025-04-15:"
                            + " keep-when not met: closed-won revenue in USD in the last 12 months: 30000 USD"
                            + " (needs ≥ 50000 USD)");
        }

        @Test
        void keepsTheTierUntilTheDayGraceEnds() {
            TierStanding inGrace = gold().withGraceUntil(TODAY.plusDays(1));

            TierDecision decision = engine.evaluate(slippingGoldFacts(), inGrace, TODAY);

            assertThat(decision)
                    .isEqualTo(
                            new InGrace("GOLD", TODAY.plusDays(1), TODAY.plusDays(1), inGrace, decision.explanation()));
            assertThat(decision.explanation().summary())
                    .startsWith("In grace for GOLD until 2025-01-16:" + " keep-when still not met: closed-won revenue");
        }

        @Test
        void clearsGraceWhenKeepWhenIsMetAgain() {
            TierDecision decision = engine.evaluate(keepsGoldFacts(), gold().withGraceUntil(TODAY.plusDays(1)), TODAY);

            assertThat(decision).isEqualTo(new GraceCleared("GOLD", gold(), decision.explanation()));
            assertThat(decision.explanation().summary())
                    .isEqualTo("Grace cleared for GOLD: all 2 keep-when criteria met again");
        }
    }

    @Nested
    class Demotion {

        @Test
        void demotesOnTheDayGraceEnds() {
            TierDecision decision = engine.evaluate(slippingGoldFacts(), gold().withGraceUntil(TODAY), TODAY);

            assertThat(decision)
                    .isEqualTo(new Demoted("GOLD", "SILVER", TierStanding.of("SILVER", TODAY), decision.explanation()));
            assertThat(decision.explanation().summary())
                    .isEqualTo(
                            "Demoted GOLD → SILVER: grace ended 2025-01-15;"
                                    + " keep-when not met: closed-won revenue in USD in the last 12 months: 30000 USD (needs ≥ 50000 USD)");
        }

        @Test
        void landsOnTheHighestLowerTierWhoseKeepWhenStillHolds() {
            TierDecision decision = engine.evaluate(slippingGoldFacts(), gold().withGraceUntil(TODAY), TODAY);

            Explanation.TierExplanation silver = decision.explanation().tiers().get(1);
            assertThat(silver.promoteWhen().met()).as("Silver promote-when").isFalse();
            assertThat(silver.keepWhen().met()).as("Silver keep-when").isTrue();
            assertThat(decision.tier()).isEqualTo("SILVER");
            assertThat(decision.explanation().notes())
                    .containsExactly(
                            "Lands on SILVER, the highest lower tier whose keep-when or promote-when criteria are met");
        }

        @Test
        void dropsToTheEntryTierWhenNoLowerTierIsKept() {
            PartnerFacts uncertified =
                    partner("P-GOLD").won("30000", "USD", TODAY).build();

            TierDecision decision = engine.evaluate(uncertified, gold().withGraceUntil(TODAY.minusDays(5)), TODAY);

            assertThat(decision.tier()).isEqualTo("REGISTERED");
        }

        @Test
        void dropsAtOnceFromATierWithoutGracePeriod() {
            TierDecision decision =
                    engine.evaluate(partner("P-SILVER").build(), TierStanding.of("SILVER", LONG_AGO), TODAY);

            assertThat(decision)
                    .isEqualTo(new Demoted(
                            "SILVER", "REGISTERED", TierStanding.of("REGISTERED", TODAY), decision.explanation()));
            assertThat(decision.explanation().summary())
                    .isEqualTo("Demoted SILVER → REGISTERED: no grace period;"
                            + " keep-when not met: active certifications: 0 (needs ≥ 1)");
        }
    }

    @Nested
    class DemotionByApproval {

        private final TierEngine approval = TestRules.engine("demotion: approval");
        private final TierStanding graceOver = gold().withGraceUntil(TODAY);
        private final TierStanding pending = graceOver.withPendingTier("SILVER");

        @Test
        void holdsTheDropUntilAnAdminApproves() {
            TierDecision decision = approval.evaluate(slippingGoldFacts(), graceOver, TODAY);

            assertThat(decision).isEqualTo(new DemotionPending("GOLD", "SILVER", pending, decision.explanation()));
            assertThat(decision.tier()).isEqualTo("GOLD");
            assertThat(decision.explanation().summary())
                    .startsWith(
                            "Demotion GOLD → SILVER awaits approval:" + " grace ended 2025-01-15; keep-when not met");
        }

        @Test
        void keepsTheDropPendingAtLaterEvaluations() {
            TierDecision decision = approval.evaluate(slippingGoldFacts(), pending, TODAY.plusDays(7));

            assertThat(decision).isInstanceOf(DemotionPending.class);
            assertThat(decision.standing()).isEqualTo(pending);
        }

        @Test
        void approvalMovesThePartnerToThePendingTier() {
            TierDecision decision = approval.approveDemotion("P-GOLD", pending, TODAY.plusDays(2));

            assertThat(decision)
                    .isEqualTo(new Demoted(
                            "GOLD", "SILVER", TierStanding.of("SILVER", TODAY.plusDays(2)), decision.explanation()));
            assertThat(decision.explanation().summary()).isEqualTo("Demoted GOLD → SILVER: approved by an admin");
        }

        @Test
        void rejectionKeepsTheTierAndAFreshGraceStartsNextTime() {
            TierDecision rejected = approval.rejectDemotion("P-GOLD", pending, TODAY.plusDays(2));
            TierDecision next = approval.evaluate(slippingGoldFacts(), rejected.standing(), TODAY.plusDays(3));

            assertThat(rejected).isEqualTo(new DemotionRejected("GOLD", gold(), rejected.explanation()));
            assertThat(next).isInstanceOf(GraceStarted.class);
            assertThat(next.standing().graceUntil()).contains(TODAY.plusDays(3).plusDays(90));
        }

        @Test
        void meetingKeepWhenAgainCancelsThePendingDrop() {
            TierDecision decision = approval.evaluate(keepsGoldFacts(), pending, TODAY.plusDays(1));

            assertThat(decision).isEqualTo(new GraceCleared("GOLD", gold(), decision.explanation()));
        }

        @Test
        void refusesToApproveWhenNothingIsPending() {
            assertThatThrownBy(() -> approval.approveDemotion("P-GOLD", gold(), TODAY))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("P-GOLD has no demotion waiting for approval");
        }
    }

    @Nested
    class ProgramYearEndMaintenance {

        private final TierEngine yearEnd =
                TestRules.engine("maintenance: program-year-end", "program-year-start: \"--07-01\"");
        private final TierStanding graceEndedInMarch = gold().withGraceUntil(LocalDate.of(2025, 3, 1));

        @Test
        void keepsTheTierUntilTheProgramYearStartsAfterGraceEnds() {
            TierDecision decision = yearEnd.evaluate(slippingGoldFacts(), graceEndedInMarch, LocalDate.of(2025, 6, 30));

            assertThat(decision)
                    .isEqualTo(new InGrace(
                            "GOLD",
                            LocalDate.of(2025, 3, 1),
                            LocalDate.of(2025, 7, 1),
                            graceEndedInMarch,
                            decision.explanation()));
            assertThat(decision.explanation().summary())
                    .startsWith("Grace for GOLD ended 2025-03-01; the drop waits for"
                            + " the program year starting 2025-07-01: keep-when still not met");
        }

        @Test
        void dropsWhenTheProgramYearStarts() {
            TierDecision decision = yearEnd.evaluate(slippingGoldFacts(), graceEndedInMarch, LocalDate.of(2025, 7, 1));

            assertThat(decision).isInstanceOf(Demoted.class);
            assertThat(decision.tier()).isEqualTo("SILVER");
        }

        @Test
        void graceEndingAfterTheProgramYearStartsWaitsForTheNextOne() {
            TierDecision decision = yearEnd.evaluate(slippingGoldFacts(), gold(), LocalDate.of(2025, 5, 1));

            assertThat(decision).isInstanceOf(GraceStarted.class);
            assertThat(((GraceStarted) decision).graceUntil()).isEqualTo(LocalDate.of(2025, 7, 30));
            assertThat(((GraceStarted) decision).dropFrom()).isEqualTo(LocalDate.of(2026, 7, 1));
        }

        @Test
        void graceEndingOnTheProgramYearStartDropsThatDay() {
            TierStanding endsJulyFirst = gold().withGraceUntil(LocalDate.of(2025, 7, 1));

            assertThat(yearEnd.evaluate(slippingGoldFacts(), endsJulyFirst, LocalDate.of(2025, 7, 1)))
                    .isInstanceOf(Demoted.class);
        }
    }
}
