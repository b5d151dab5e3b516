package io.prmsync.tier;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.tier.NextTierNeeds.Need;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class NextTierNeedsTest {

    private static final CheckResult NOTHING = CheckResult.single("no criteria", "none", "-", true);

    private static final CheckResult CERTIFICATIONS = CheckResult.single("active certifications", "≥ 2", "1", false);
    private static final CheckResult REVENUE = CheckResult.single("annual revenue", "≥ 100000", "250000", true);
    private static final CheckResult WINS = CheckResult.single("new-customer wins", "≥ 3", "1", false);
    private static final CheckResult BIG_REVENUE = CheckResult.single("annual revenue", "≥ 1000000", "250000", false);

    @Test
    void aPartnerAtTheLowestTierNeedsTheUnmetCriteriaOfTheOneAbove() {
        Explanation explanation = explanation(
                tier("registered", NOTHING),
                tier("silver", group(CheckResult.ALL_OF, CERTIFICATIONS, REVENUE)),
                tier("gold", group(CheckResult.ANY_OF, WINS, BIG_REVENUE)));

        NextTierNeeds next = NextTierNeeds.of(explanation, "registered").orElseThrow();

        assertThat(next.tierCode()).isEqualTo("silver");
        assertThat(next.needs()).containsExactly(new Need("active certifications", "≥ 2", "1", false));
    }

    @Test
    void criteriaOfAnAnyOfGroupAreAlternatives() {
        Explanation explanation = explanation(
                tier("registered", NOTHING),
                tier("silver", group(CheckResult.ALL_OF, REVENUE)),
                tier("gold", group(CheckResult.ALL_OF, REVENUE, group(CheckResult.ANY_OF, WINS, BIG_REVENUE))));

        NextTierNeeds next = NextTierNeeds.of(explanation, "silver").orElseThrow();

        assertThat(next.tierCode()).isEqualTo("gold");
        assertThat(next.needs())
                .containsExactly(
                        new Need("new-customer wins", "≥ 3", "1", true),
                        new Need("annual revenue", "≥ 1000000", "250000", true));
    }

    @Test
    void aPartnerWithoutATierLooksAtTheLowestAndOneAtTheTopHasNoNextTier() {
        Explanation explanation = explanation(
                tier("silver", group(CheckResult.ALL_OF, CERTIFICATIONS)),
                tier("gold", group(CheckResult.ALL_OF, WINS)));

        assertThat(NextTierNeeds.of(explanation, null))
                .hasValueSatisfying(next -> assertThat(next.tierCode()).isEqualTo("silver"));
        assertThat(NextTierNeeds.of(explanation, "gold")).isEmpty();
    }

    @Test
    void aPartnerThatAlreadyQualifiesNeedsNothing() {
        Explanation explanation =
                explanation(tier("registered", NOTHING), tier("silver", group(CheckResult.ALL_OF, REVENUE)));

        assertThat(NextTierNeeds.of(explanation, "registered"))
                .hasValueSatisfying(next -> assertThat(next.needs()).isEmpty());
    }

    private static CheckResult group(String kind, CheckResult... parts) {
        boolean met = kind.equals(CheckResult.ALL_OF)
                ? List.of(parts).stream().allMatch(CheckResult::met)
                : List.of(parts).stream().anyMatch(CheckResult::met);
        return new CheckResult(kind, "", "", met, List.of(parts));
    }

    private static Explanation.TierExplanation tier(String code, CheckResult promoteWhen) {
        return new Explanation.TierExplanation(code, code.toUpperCase(), promoteWhen, NOTHING);
    }

    private static Explanation explanation(Explanation.TierExplanation... tiers) {
        return new Explanation("P-1", "v1", LocalDate.of(2026, 12, 1), "summary", List.of(tiers), List.of());
    }
}
