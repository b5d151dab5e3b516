package io.prmsync.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.prmsync.yaml.ConfigInvalidException;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every mistake an admin can make in tier-rules.yaml is refused with its file, line and field. */
class TierRulesValidationTest {

    private static final String FILE = "tier-rules.yaml";

    private static final String PLAIN_CRITERIA = """
                promote-when:
                  all:
                    - criterion: certifications
                      min: 2
                keep-when:
                  all:
                    - criterion: certifications
                      min: 2
            """;

    @Nested
    class WhereProblemsAreReported {

        @Test
        void refusesATierThatAsksLessThanTheTierBelowIt() {
            assertThat(problems("""
                    rules-version: v1
                    currency: USD
                    tiers:
                      - code: REGISTERED
                        name: Registered
                      - code: GOLD
                        name: Gold
                        grace-period: P30D
                        promote-when:
                          all:
                            - criterion: annual-revenue
                              min: 250000
                        keep-when:
                          all:
                            - criterion: annual-revenue
                              min: 200000
                      - code: SILVER
                        name: Silver
                        grace-period: P30D
                        promote-when:
                          all:
                            - criterion: annual-revenue
                              min: 50000
                        keep-when:
                          all:
                            - criterion: annual-revenue
                              min: 40000
                    """))
                    .containsExactly("tier-rules.yaml line 20: tiers[2].promote-when asks annual revenue in USD"
                            + " ≥ 50000, less than GOLD below it (≥ 250000): tiers must be listed lowest first");
        }

        @Test
        void namesFileLineAndPathOfANegativeMinimum() {
            assertThat(problems("""
                    rules-version: v1
                    currency: USD
                    tiers:
                      - code: REGISTERED
                        name: Registered
                      - code: SILVER
                        name: Silver
                        grace-period: P30D
                        promote-when:
                          all:
                            - criterion: certifications
                              min: 1
                        keep-when:
                          all:
                            - criterion: certifications
                              min: 1
                      - code: GOLD
                        name: Gold
                        grace-period: P90D
                        promote-when:
                          all:
                            - criterion: certifications
                              min: -2
                        keep-when:
                          all:
                            - criterion: annual-revenue
                              min: -0.01
                    """))
                    .containsExactly(
                            "tier-rules.yaml line 23: tiers[2].promote-when.all[0].min must be ≥ 0",
                            "tier-rules.yaml line 27: tiers[2].keep-when.all[0].min must be ≥ 0");
        }

        @Test
        void reportsEveryProblemAtOnce() {
            assertThat(problems(gold(PLAIN_CRITERIA)
                            .replace("currency: USD", "currency: dollars")
                            .replace("min: 2", "min: -1")
                            .replace("grace-period: P90D", "grace-period: 90 days")))
                    .containsExactly(
                            "tier-rules.yaml line 2: currency must be an ISO 4217 currency code such as USD or EUR,"
                                    + " not 'dollars'",
                            "tier-rules.yaml line 8: tiers[1].grace-period must be an ISO-8601 period such as P12M"
                                    + " or P90D, not '90 days'",
                            "tier-rules.yaml line 12: tiers[1].promote-when.all[0].min must be ≥ 0",
                            "tier-rules.yaml line 16: tiers[1].keep-when.all[0].min must be ≥ 0");
        }

        @Test
        void reportsARepeatedKeyOnce() {
            assertThat(problems(gold(PLAIN_CRITERIA).replace("name: Gold", "name: Gold\n    name: Gold again")))
                    .containsExactly("tier-rules.yaml line 8: tiers[1].name is given twice");
        }

        @Test
        void rejectsUnknownKeysAtEveryLevel() {
            assertThat(problems(gold("""
                        promote-when:
                          all:
                            - criterion: certifications
                              min: 1
                              maximum: 3
                        keep-when:
                          all:
                            - criterion: certifications
                              min: 1
                        colour: yellow
                    """).replace("currency: USD", "currency: USD\nprogram: partners")))
                    .containsExactly(
                            "tier-rules.yaml line 3: program is not a known key; expected one of [currency, demotion,"
                                    + " maintenance, program-year-start, promotion, rules-version, tiers]",
                            "tier-rules.yaml line 19: tiers[1].colour is not a known key; expected one of [code, grace-period,"
                                    + " keep-when, name, promote-when]",
                            "tier-rules.yaml line 14: tiers[1].promote-when.all[0].maximum is not a known key; expected one of"
                                    + " [codes, criterion, min]");
        }
    }

    @Nested
    class ProgramSettings {

        @Test
        void checksProgramSettings() {
            assertThat(problems("""
                    rules-version: ""
                    currency: usd
                    promotion: monthly
                    maintenance: program-year-end
                    demotion: manual
                    tiers:
                      - code: REGISTERED
                        name: Registered
                    """))
                    .containsExactly(
                            "tier-rules.yaml line 1: rules-version must not be empty",
                            "tier-rules.yaml line 2: currency must be an ISO 4217 currency code such as USD or EUR, not 'usd'",
                            "tier-rules.yaml line 3: promotion must be one of [immediate, quarterly], not 'monthly'",
                            "tier-rules.yaml line 4: maintenance is program-year-end, so program-year-start (--MM-DD) is"
                                    + " required too",
                            "tier-rules.yaml line 5: demotion must be one of [approval, automatic], not 'manual'");
        }

        @Test
        void checksTheProgramYearStart() {
            assertThat(problems("""
                    rules-version: v1
                    currency: USD
                    maintenance: program-year-end
                    program-year-start: "07-01"
                    tiers:
                      - code: REGISTERED
                        name: Registered
                    """))
                    .containsExactly("tier-rules.yaml line 4: program-year-start must be a month and day written"
                            + " --MM-DD, such as --07-01, not '07-01'");
        }

        @Test
        void refusesAProgramYearStartThatContinuousMaintenanceWouldIgnore() {
            assertThat(problems("""
                    rules-version: v1
                    currency: USD
                    program-year-start: "--07-01"
                    tiers:
                      - code: REGISTERED
                        name: Registered
                    """))
                    .containsExactly(
                            "tier-rules.yaml line 3: program-year-start is only used with maintenance: program-year-end");
        }

        @Test
        void requiresVersionCurrencyAndAtLeastOneTier() {
            assertThat(problems("""
                    tiers: []
                    """))
                    .containsExactly(
                            "tier-rules.yaml line 1: is missing required key 'rules-version'",
                            "tier-rules.yaml line 1: is missing required key 'currency'",
                            "tier-rules.yaml line 1: tiers must be a list of at least one tier, lowest first");
        }
    }

    @Nested
    class Tiers {

        @Test
        void reportsAMissingCodeOnTheTierLine() {
            assertThat(problems("""
                    rules-version: v1
                    currency: USD
                    tiers:
                      - code: REGISTERED
                        name: Registered
                      - name: Gold
                        grace-period: P90D
                        promote-when:
                          all:
                            - criterion: certifications
                              min: 2
                        keep-when:
                          all:
                            - criterion: certifications
                              min: 2
                    """))
                    .containsExactly("tier-rules.yaml line 6: tiers[1] is missing required key 'code'");
        }

        @Test
        void reportsADuplicateCodeWhereItIsRepeated() {
            assertThat(problems(gold(PLAIN_CRITERIA).replace("code: GOLD", "code: REGISTERED")))
                    .containsExactly("tier-rules.yaml line 6: tiers[1].code 'REGISTERED' is already used by tiers[0]");
        }

        @Test
        void rejectsTierCodesThatAreNotPlainCapitals() {
            assertThat(problems(gold(PLAIN_CRITERIA).replace("code: GOLD", "code: gold tier")))
                    .containsExactly(
                            "tier-rules.yaml line 6: tiers[1].code must be capital letters, digits or '_', starting with a"
                                    + " letter (such as GOLD), not 'gold tier'");
        }

        @Test
        void refusesCriteriaOnTheLowestTier() {
            assertThat(problems("""
                    rules-version: v1
                    currency: USD
                    tiers:
                      - code: REGISTERED
                        name: Registered
                        promote-when:
                          all:
                            - criterion: certifications
                              min: 0
                    """))
                    .containsExactly("tier-rules.yaml line 6: tiers[0].promote-when is not allowed on the lowest"
                            + " tier: every partner holds it and cannot lose it");
        }

        @Test
        void requiresCriteriaAndGracePeriodOnHigherTiers() {
            assertThat(problems("""
                    rules-version: v1
                    currency: USD
                    tiers:
                      - code: REGISTERED
                        name: Registered
                      - code: GOLD
                        name: Gold
                    """))
                    .containsExactly(
                            "tier-rules.yaml line 6: tiers[1] is missing required key 'grace-period'",
                            "tier-rules.yaml line 6: tiers[1] is missing required key 'promote-when'",
                            "tier-rules.yaml line 6: tiers[1] is missing required key 'keep-when'");
        }
    }

    @Nested
    class Criteria {

        @Test
        void namesTheKnownKindsWhenACriterionIsUnknown() {
            assertThat(problems(gold(PLAIN_CRITERIA)
                            .replaceFirst(
                                    "criterion: certifications\n          min: 2",
                                    "criterion: revenue\n          min: 2")))
                    .containsExactly(
                            "tier-rules.yaml line 11: tiers[1].promote-when.all[0].criterion must be one of [activity-points,"
                                    + " annual-revenue, certifications, customer-satisfaction, new-customer-wins], not 'revenue'");
        }

        @Test
        void rejectsBadNegativeAndEmptyPeriods() {
            assertThat(problems(gold("""
                        promote-when:
                          any:
                            - criterion: new-customer-wins
                              min: 1
                              window: 12 months
                            - criterion: activity-points
                              min: 100
                              window: P0D
                        keep-when:
                          all:
                            - criterion: certifications
                              min: 1
                    """).replace("grace-period: P90D", "grace-period: -P1D")))
                    .containsExactly(
                            "tier-rules.yaml line 8: tiers[1].grace-period must not be negative, not 'P-1D'",
                            "tier-rules.yaml line 13: tiers[1].promote-when.any[0].window must be an ISO-8601 period such as"
                                    + " P12M or P90D, not '12 months'",
                            "tier-rules.yaml line 16: tiers[1].promote-when.any[1].window must be a positive period such as"
                                    + " P12M or P90D, not 'P0D'");
        }

        @Test
        void rejectsCertificationCodesOfTheWrongFormat() {
            assertThat(problems(gold("""
                        promote-when:
                          all:
                            - criterion: certifications
                              min: 1
                              codes:
                                - SALES-101
                                - sales 101
                                - SALES-101
                        keep-when:
                          all:
                            - criterion: certifications
                              min: 1
                              codes: []
                    """)))
                    .containsExactly(
                            "tier-rules.yaml line 15: tiers[1].promote-when.all[0].codes[1] must be a certification code of"
                                    + " capital letters, digits, '.', '_' or '-' such as SALES-101, not 'sales 101'",
                            "tier-rules.yaml line 16: tiers[1].promote-when.all[0].codes[2] repeats certification code"
                                    + " 'SALES-101'",
                            "tier-rules.yaml line 21: tiers[1].keep-when.all[0].codes must be a list of at least one"
                                    + " certification code; leave it out to count every code");
        }

        @Test
        void requiresEachGroupToBeAllOrAnyWithAtLeastOneCriterion() {
            assertThat(problems(gold("""
                        promote-when:
                          - criterion: certifications
                            min: 1
                        keep-when:
                          all: []
                    """)))
                    .containsExactly(
                            "tier-rules.yaml line 9: tiers[1].promote-when must be a group: 'all:' or 'any:' followed by a"
                                    + " list of criteria",
                            "tier-rules.yaml line 13: tiers[1].keep-when.all must be a list of at least one criterion");
        }

        @Test
        void refusesAnItemThatIsBothCriterionAndGroup() {
            assertThat(problems(gold("""
                        promote-when:
                          all:
                            - criterion: certifications
                              min: 1
                              any:
                                - criterion: annual-revenue
                                  min: 1
                        keep-when:
                          any:
                            - 42
                    """)))
                    .containsExactly(
                            "tier-rules.yaml line 11: tiers[1].promote-when.all[0] must be either a criterion or a group,"
                                    + " not both",
                            "tier-rules.yaml line 18: tiers[1].keep-when.any[0] must be a criterion ('criterion: …') or a"
                                    + " group ('all:' or 'any:')");
        }
    }

    /** A REGISTERED + GOLD file; {@code criteria} (any indentation) starts on line 9. */
    private static String gold(String criteria) {
        return """
                rules-version: v1
                currency: USD
                tiers:
                  - code: REGISTERED
                    name: Registered
                  - code: GOLD
                    name: Gold
                    grace-period: P90D
                """ + String.join("\n", criteria.lines().toList()).stripIndent().indent(4);
    }

    private static List<String> problems(String yaml) {
        ConfigInvalidException thrown =
                catchThrowableOfType(() -> TierRulesLoader.parse(yaml, FILE), ConfigInvalidException.class);
        assertThat(thrown).as("rules should be refused").isNotNull();
        return thrown.problems();
    }
}
