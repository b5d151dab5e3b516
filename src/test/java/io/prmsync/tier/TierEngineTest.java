package io.prmsync.tier;

import static io.prmsync.tier.Facts.partner;
import static io.prmsync.tier.Partners.LONG_AGO;
import static io.prmsync.tier.Partners.TODAY;
import static io.prmsync.tier.Partners.gold;
import static io.prmsync.tier.Partners.goldFacts;
import static io.prmsync.tier.Partners.keepsGoldFacts;
import static io.prmsync.tier.Partners.platinumFacts;
import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.tier.TierDecision.Assigned;
import io.prmsync.tier.TierDecision.Promoted;
import io.prmsync.tier.TierDecision.PromotionDeferred;
import io.prmsync.tier.TierDecision.Unchanged;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Placement and promotion; the rules are {@link TestRules}. */
class TierEngineTest {

    private final TierEngine engine = TestRules.engine();

    @Nested
    class Placement {

        @Test
        void placesANewPartnerInTheHighestTierItQualifiesFor() {
            TierDecision decision = engine.evaluate(goldFacts(), TierStanding.none(), TODAY);

            assertThat(decision).isInstanceOf(Assigned.class);
            assertThat(decision.tier()).isEqualTo("GOLD");
            assertThat(decision.standing()).isEqualTo(TierStanding.of("GOLD", TODAY));
            assertThat(decision.explanation().summary()).isEqualTo("Assigned GOLD: all 3 promote-when criteria met");
        }

        @Test
        void placesANewPartnerWithNothingInTheEntryTier() {
            TierDecision decision = engine.evaluate(partner("P-NEW").build(), TierStanding.none(), TODAY);

            assertThat(decision.standing()).isEqualTo(TierStanding.of("REGISTERED", TODAY));
            assertThat(decision.explanation().summary())
                    .isEqualTo("Assigned REGISTERED: no higher tier's promote-when criteria met");
        }

        @Test
        void placesAfreshAPartnerWhoseTierTheRulesNoLongerDefine() {
            TierDecision decision = engine.evaluate(goldFacts(), TierStanding.of("DIAMOND", LONG_AGO), TODAY);

            assertThat(decision)
                    .isEqualTo(new Assigned("GOLD", TierStanding.of("GOLD", TODAY), decision.explanation()));
            assertThat(decision.explanation().notes())
                    .containsExactly("Tier DIAMOND is not defined in rules test-1; the partner is placed afresh");
        }
    }

    @Nested
    class Promotion {

        @Test
        void promotesToGoldWhenAllCriteriaMet() {
            TierDecision decision = engine.evaluate(goldFacts(), TierStanding.of("SILVER", LONG_AGO), TODAY);

            assertThat(decision)
                    .isEqualTo(new Promoted("SILVER", "GOLD", TierStanding.of("GOLD", TODAY), decision.explanation()));
            assertThat(decision.explanation().summary())
                    .isEqualTo("Promoted SILVER → GOLD: all 3 promote-when criteria met");
        }

        @Test
        void promotesStraightToTheHighestTierItQualifiesFor() {
            TierDecision decision = engine.evaluate(platinumFacts(), TierStanding.of("REGISTERED", LONG_AGO), TODAY);

            assertThat(decision).isInstanceOf(Promoted.class);
            assertThat(decision.tier()).isEqualTo("PLATINUM");
        }

        @Test
        void keepsTheTierWhenOnlyKeepWhenHolds() {
            TierDecision decision = engine.evaluate(keepsGoldFacts(), gold(), TODAY);

            assertThat(decision).isEqualTo(new Unchanged("GOLD", gold(), decision.explanation()));
            assertThat(decision.explanation().summary()).isEqualTo("Unchanged GOLD: all 2 keep-when criteria met");
        }

        @Test
        void earningTheTierAfreshCountsAsKeepingItWhenKeepWhenIsStricter() {
            TierEngine stricterKeep =
                    new TierEngine(TestRules.version("odd-1", TestRules.TIERS.replace("min: 50000", "min: 150000")));

            TierDecision decision = stricterKeep.evaluate(goldFacts(), gold(), TODAY);

            assertThat(decision).isEqualTo(new Unchanged("GOLD", gold(), decision.explanation()));
            assertThat(decision.explanation().summary()).isEqualTo("Unchanged GOLD: all 3 promote-when criteria met");
        }

        @Test
        void promotionEndsAGracePeriod() {
            TierStanding inGrace = gold().withGraceUntil(TODAY.plusDays(10));

            TierDecision decision = engine.evaluate(platinumFacts(), inGrace, TODAY);

            assertThat(decision.standing()).isEqualTo(TierStanding.of("PLATINUM", TODAY));
        }
    }

    @Nested
    class QuarterlyPromotion {

        private final TierEngine quarterly = TestRules.engine("promotion: quarterly");
        private final TierStanding silver = TierStanding.of("SILVER", LONG_AGO);

        @Test
        void promotesDuringTheFirstMonthOfAQuarter() {
            assertThat(quarterly.evaluate(goldFacts(), silver, LocalDate.of(2025, 1, 31)))
                    .isInstanceOf(Promoted.class);
        }

        @Test
        void defersAPromotionToTheStartOfTheNextQuarter() {
            LocalDate february = LocalDate.of(2025, 2, 10);

            TierDecision decision = quarterly.evaluate(goldFacts(), silver, february);

            assertThat(decision)
                    .isEqualTo(new PromotionDeferred(
                            "SILVER", "GOLD", LocalDate.of(2025, 4, 1), silver, decision.explanation()));
            assertThat(decision.explanation().summary())
                    .isEqualTo(
                            "Stays SILVER until 2025-04-01: qualifies for GOLD"
                                    + " (all 3 promote-when criteria met), and promotions only take effect in the first month of a quarter");
        }

        @Test
        void aDeferredPromotionEndsTheGracePeriodOfTheCurrentTier() {
            TierStanding goldInGrace = gold().withGraceUntil(LocalDate.of(2025, 3, 1));

            TierDecision decision = quarterly.evaluate(platinumFacts(), goldInGrace, LocalDate.of(2025, 2, 10));

            assertThat(decision).isInstanceOf(PromotionDeferred.class);
            assertThat(decision.standing()).isEqualTo(gold());
        }

        @Test
        void defersANovemberPromotionToJanuaryOfTheNextYear() {
            TierDecision decision = quarterly.evaluate(goldFacts(), silver, LocalDate.of(2025, 12, 1));

            assertThat(((PromotionDeferred) decision).effectiveFrom()).isEqualTo(LocalDate.of(2026, 1, 1));
        }

        @Test
        void placesANewPartnerAtOnceWhateverTheCadence() {
            TierDecision decision = quarterly.evaluate(goldFacts(), TierStanding.none(), LocalDate.of(2025, 2, 10));

            assertThat(decision).isInstanceOf(Assigned.class);
            assertThat(decision.tier()).isEqualTo("GOLD");
        }
    }
}
