package io.prmsync.tier;

import static io.prmsync.tier.Partners.LONG_AGO;
import static io.prmsync.tier.Partners.TODAY;
import static io.prmsync.tier.Partners.gold;
import static io.prmsync.tier.Partners.silverFacts;
import static io.prmsync.tier.Partners.slippingGoldFacts;
import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.tier.TierDecision.Overridden;
import io.prmsync.tier.TierDecision.Unchanged;
import io.prmsync.tier.TierStanding.ManualOverride;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Manual overrides set in Salesforce; the rules are {@link TestRules}. */
class ManualOverrideTest {

    private static final LocalDate END_OF_MARCH = LocalDate.of(2025, 3, 31);

    private final TierEngine engine = TestRules.engine();
    private final TierStanding overridden =
            TierStanding.of("SILVER", LONG_AGO).withOverride(new ManualOverride("GOLD", END_OF_MARCH));

    @Nested
    class WhileInForce {

        @Test
        void overrideWinsThroughItsExpiryDayAndSaysWhatTheRulesWouldGive() {
            TierDecision decision = engine.evaluate(silverFacts(), overridden, END_OF_MARCH);

            assertThat(decision)
                    .isEqualTo(new Overridden("GOLD", END_OF_MARCH, "SILVER", overridden, decision.explanation()));
            assertThat(decision.explanation().summary())
                    .isEqualTo("Manual override: GOLD until 2025-03-31 (the rules alone would give SILVER)");
        }

        @Test
        void overrideLeavesTheOwnStandingAsItWas() {
            TierStanding goldInGrace =
                    gold().withGraceUntil(TODAY).withOverride(new ManualOverride("PLATINUM", END_OF_MARCH));

            TierDecision decision = engine.evaluate(slippingGoldFacts(), goldInGrace, TODAY);

            assertThat(decision.standing()).isEqualTo(goldInGrace);
            assertThat(((Overridden) decision).byRules()).isEqualTo("SILVER");
        }

        @Test
        void effectiveTierIsTheOverrideOnlyWhileItLasts() {
            assertThat(overridden.effectiveTier(END_OF_MARCH)).contains("GOLD");
            assertThat(overridden.effectiveTier(END_OF_MARCH.plusDays(1))).contains("SILVER");
            assertThat(TierStanding.none().effectiveTier(END_OF_MARCH)).isEqualTo(Optional.empty());
        }
    }

    @Nested
    class AfterExpiry {

        @Test
        void rulesDecideAgainAndTheOverrideIsDropped() {
            TierDecision decision = engine.evaluate(silverFacts(), overridden, END_OF_MARCH.plusDays(1));

            assertThat(decision)
                    .isEqualTo(new Unchanged("SILVER", TierStanding.of("SILVER", LONG_AGO), decision.explanation()));
            assertThat(decision.explanation().notes())
                    .containsExactly("Manual override GOLD expired on 2025-03-31; the rules decide again");
        }

        @Test
        void evaluatesOnTheClocksDateInItsTimeZone() {
            Clock berlinJustAfterMidnight =
                    Clock.fixed(Instant.parse("2025-03-31T22:30:00Z"), ZoneId.of("Europe/Berlin"));

            TierDecision decision = engine.evaluate(silverFacts(), overridden, berlinJustAfterMidnight);

            assertThat(decision).isInstanceOf(Unchanged.class);
            assertThat(decision.explanation().evaluatedOn()).isEqualTo(LocalDate.of(2025, 4, 1));
        }
    }
}
