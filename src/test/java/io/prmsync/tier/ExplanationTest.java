package io.prmsync.tier;

import static io.prmsync.tier.Facts.partner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.prmsync.tier.Explanation.TierExplanation;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExplanationTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 5, 20);

    private final PartnerFacts facts = partner("P-42")
            .certified("SALES-101", TODAY.minusYears(1))
            .certified("TECH-201", TODAY.minusYears(1), TODAY.minusDays(1))
            .wonNewCustomer("150000", "USD", TODAY.minusMonths(2))
            .won("40000", "EUR", TODAY.minusMonths(1))
            .activity(TODAY.minusDays(1), 120)
            .build();

    private final Explanation explanation = TestRules.engine()
            .evaluate(facts, TierStanding.of("SILVER", TODAY.minusYears(1)), TODAY)
            .explanation();

    @Nested
    class Identity {

        @Test
        void namesPartnerRulesVersionAndDay() {
            assertThat(explanation)
                    .extracting(Explanation::partnerId, Explanation::rulesVersion, Explanation::evaluatedOn)
                    .containsExactly("P-42", "test-1", TODAY);
        }

        @Test
        void summarisesTheDecisionInOneLine() {
            assertThat(explanation.summary()).isEqualTo("Unchanged SILVER: the one keep-when criterion met");
        }
    }

    @Nested
    class TierChecks {

        @Test
        void listsEveryTierLowestFirst() {
            assertThat(explanation.tiers())
                    .extracting(TierExplanation::code, TierExplanation::name)
                    .containsExactly(
                            tuple("REGISTERED", "Registered"),
                            tuple("SILVER", "Silver"),
                            tuple("GOLD", "Gold"),
                            tuple("PLATINUM", "Platinum"));
        }

        @Test
        void showsRequiredAndActualForEachCriterion() {
            CheckResult goldPromotion = explanation.tiers().get(2).promoteWhen();

            assertThat(goldPromotion)
                    .extracting(CheckResult::criterion, CheckResult::required, CheckResult::actual, CheckResult::met)
                    .containsExactly("all of", "all 3", "2 of 3 met", false);
            assertThat(goldPromotion.parts())
                    .containsExactly(
                            CheckResult.single("active certifications", "≥ 2", "1", false),
                            CheckResult.single(
                                    "closed-won revenue in USD in the last 12 months",
                                    "≥ 100000 USD",
                                    "150000 USD; 1 won deal in EUR not counted",
                                    true),
                            CheckResult.single("new-customer wins in the last 12 months", "≥ 1", "1", true));
        }

        @Test
        void showsTheEntryTierAsOpenToEveryone() {
            assertThat(explanation.tiers().get(0).promoteWhen())
                    .isEqualTo(CheckResult.single("no criteria: every partner qualifies", "none", "-", true));
        }
    }
}
