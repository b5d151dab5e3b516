package io.prmsync.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.prmsync.engagement.EngagementRules.Cap;
import io.prmsync.engagement.EngagementRules.PointsRule;
import io.prmsync.tier.Criterion;
import io.prmsync.tier.TrailingWindow;
import io.prmsync.yaml.ConfigInvalidException;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EngagementRulesLoaderTest {

    private static final String FILE = "engagement-rules.yaml";

    /** The smallest valid file; tests break one thing in it at a time. Line numbers below refer to it. */
    static final String VALID = """
            rules-version: t1
            points:
              deal-registered:
                points: 10
                cap: {max: 2, per: P1M}
              co-sell:
                points: 25
            points-expire-after: P12M
            deal-decision-sla: P2D
            stages:
              - code: PERCEPTION
                name: Perception
              - code: READINESS
                name: Readiness
                reached-when:
                  all:
                    - criterion: certifications
                      min: 1
              - code: ACTIVATE
                name: Activate
                reached-when:
                  all:
                    - criterion: deals-registered
                      min: 1
              - code: COLLABORATION
                name: Collaboration
                reached-when:
                  any:
                    - criterion: activity
                      kind: co-sell
                      min: 2
                      window: P6M
              - code: TRUST
                name: Trust
                reached-when:
                  all:
                    - criterion: deals-won
                      min: 3
                      window: P12M
            risk:
              days-since-last-registration:
                weight: 25
                from-days: 30
                to-days: 120
              registrations-rejected:
                weight: 10
                window: P12M
                min-decided: 3
                full-at-share: 0.5
            at-risk: 70
            """;

    static EngagementRules parse(String content) {
        return EngagementRulesLoader.parse(content, FILE);
    }

    static List<String> problems(String content) {
        ConfigInvalidException thrown = catchThrowableOfType(ConfigInvalidException.class, () -> parse(content));
        assertThat(thrown).as("the rules should have been refused").isNotNull();
        return thrown.problems();
    }

    private static String replace(String from, String to) {
        assertThat(VALID).contains(from);
        return VALID.replace(from, to);
    }

    @Nested
    class ShippedFile {

        private final EngagementRules rules = Partner.SHIPPED;

        @Test
        void readsTheProgramSettings() {
            assertThat(rules.rulesVersion()).isEqualTo("2026.1");
            assertThat(rules.pointsExpireAfter()).isEqualTo(Period.ofMonths(12));
            assertThat(rules.dealDecisionSla()).isEqualTo(Period.ofDays(2));
            assertThat(rules.atRisk()).isEqualTo(70);
            assertThat(rules.actions().max()).isEqualTo(5);
        }

        @Test
        void readsPointsWithCapsAndTheNewCustomerBonus() {
            assertThat(rules.pointsFor("deal-registered"))
                    .contains(new PointsRule(
                            "deal-registered", Optional.of(10), Optional.of(new Cap(5, Period.ofMonths(1))), 0));
            assertThat(rules.pointsFor("deal-won").orElseThrow().newCustomerBonus())
                    .isEqualTo(30);
            assertThat(rules.points()).containsKeys("certification-earned", "deal-approved", "co-sell");
        }

        @Test
        void listsThePractStagesInOrder() {
            assertThat(rules.stages()).extracting(EngagementRules.Stage::stage).containsExactly(PractStage.values());
            assertThat(rules.stages().get(0).reachedWhen()).isEqualTo(new StageCriterion.Everyone());
            assertThat(rules.stages().get(1).reachedWhen())
                    .isEqualTo(new StageCriterion.AnyOf(List.of(
                            new StageCriterion.Activity("onboarding-completed", 1, Optional.empty()),
                            new StageCriterion.Tier(new Criterion.Certifications(1, List.of())))));
        }

        @Test
        void measuresEverySignal() {
            assertThat(rules.risk())
                    .extracting(RiskSignalRule::name)
                    .containsExactlyElementsOf(RiskRulesReader.SIGNALS);
        }
    }

    @Test
    void readsTheSmallestValidFile() {
        EngagementRules rules = parse(VALID);
        assertThat(rules.stages().get(3).reachedWhen())
                .isEqualTo(new StageCriterion.AnyOf(List.of(new StageCriterion.Activity(
                        "co-sell", 2, Optional.of(new TrailingWindow(Period.ofMonths(6)))))));
        assertThat(rules.risk()).hasSize(2);
        assertThat(rules.actions().onboardingActivity()).isEqualTo("onboarding-completed");
    }

    @Nested
    class WhereProblemsAreReported {

        @Test
        void refusesAnUnknownKey() {
            assertThat(problems(replace("at-risk: 70", "at-risk: 70\nat-rsik: 80")))
                    .containsExactly("engagement-rules.yaml line 51: at-rsik is not a known key; expected one of "
                            + "[actions, at-risk, deal-decision-sla, points, points-expire-after, risk, rules-version,"
                            + " stages]");
        }

        @Test
        void refusesNegativePoints() {
            assertThat(problems(replace("points: 10", "points: -5")))
                    .containsExactly("engagement-rules.yaml line 4: points.deal-registered.points must be ≥ 0, not -5");
        }

        @Test
        void refusesABadPeriod() {
            assertThat(problems(replace("points-expire-after: P12M", "points-expire-after: 12 months")))
                    .containsExactly("engagement-rules.yaml line 8: points-expire-after must be an ISO-8601 period"
                            + " such as P12M or P90D, not '12 months'");
        }

        @Test
        void refusesACapOverNoTime() {
            assertThat(problems(replace("per: P1M", "per: P0D")))
                    .containsExactly("engagement-rules.yaml line 5: points.deal-registered.cap.per must be a"
                            + " positive period such as P12M or P90D, not 'P0D'");
        }

        @Test
        void refusesAnUnknownStageCriterion() {
            assertThat(problems(replace("criterion: deals-registered", "criterion: deals-closed")))
                    .containsExactly("engagement-rules.yaml line 23: stages[2].reached-when.all[0].criterion must be"
                            + " one of " + StageCriterionReader.KINDS + ", not 'deals-closed'");
        }

        @Test
        void refusesStagesOutOfOrder() {
            String swapped = replace("code: ACTIVATE", "code: TEMP")
                    .replace("code: COLLABORATION", "code: ACTIVATE")
                    .replace("code: TEMP", "code: COLLABORATION");
            assertThat(problems(swapped))
                    .containsExactly(
                            "engagement-rules.yaml line 19: stages[2].code is COLLABORATION but stage 3 of the path is"
                                    + " ACTIVATE: the stages are PERCEPTION, READINESS, ACTIVATE, COLLABORATION, TRUST,"
                                    + " in this order",
                            "engagement-rules.yaml line 25: stages[3].code is ACTIVATE but stage 4 of the path is"
                                    + " COLLABORATION: the stages are PERCEPTION, READINESS, ACTIVATE, COLLABORATION,"
                                    + " TRUST, in this order");
        }

        @Test
        void refusesADuplicatedStage() {
            assertThat(problems(replace("code: TRUST", "code: ACTIVATE")))
                    .contains(
                            "engagement-rules.yaml line 33: stages[4].code 'ACTIVATE' is already used by stages[2]",
                            "engagement-rules.yaml line 10: stages is missing TRUST: the stages are PERCEPTION,"
                                    + " READINESS, ACTIVATE, COLLABORATION, TRUST, in this order");
        }

        @Test
        void refusesCriteriaOnTheFirstStage() {
            assertThat(problems(replace("    name: Perception\n", """
                        name: Perception
                        reached-when:
                          all:
                            - criterion: certifications
                              min: 1
                    """)))
                    .containsExactly("engagement-rules.yaml line 13: stages[0].reached-when is not allowed on the"
                            + " first stage: every partner starts there");
        }

        @Test
        void refusesANegativeWeight() {
            assertThat(problems(replace("weight: 25", "weight: -1")))
                    .containsExactly("engagement-rules.yaml line 42: risk.days-since-last-registration.weight must be"
                            + " between 0 and 100, not -1");
        }

        @Test
        void refusesAShareAboveOne() {
            assertThat(problems(replace("full-at-share: 0.5", "full-at-share: 1.5")))
                    .containsExactly("engagement-rules.yaml line 49: risk.registrations-rejected.full-at-share must be"
                            + " more than 0 and at most 1, not 1.5");
        }

        @Test
        void refusesARampThatEndsBeforeItStarts() {
            assertThat(problems(replace("to-days: 120", "to-days: 30")))
                    .containsExactly("engagement-rules.yaml line 44: risk.days-since-last-registration.to-days must be"
                            + " more than from-days (30), not 30");
        }

        @Test
        void refusesAnAtRiskThresholdAbove100() {
            assertThat(problems(replace("at-risk: 70", "at-risk: 170")))
                    .containsExactly("engagement-rules.yaml line 50: at-risk must be between 0 and 100, not 170");
        }

        @Test
        void refusesTheBonusOnAnyKindButDealWon() {
            assertThat(problems(replace("    points: 25\n", "    points: 25\n    new-customer-bonus: 5\n")))
                    .containsExactly("engagement-rules.yaml line 8: points.co-sell.new-customer-bonus is not a known"
                            + " key; expected one of [cap, points]");
        }

        @Test
        void refusesAnUnknownRiskSignal() {
            assertThat(problems(replace("risk:\n", "risk:\n  moon-phase:\n    weight: 5\n")))
                    .containsExactly("engagement-rules.yaml line 41: risk.moon-phase is not a known key; expected one"
                            + " of " + new java.util.TreeSet<>(RiskRulesReader.SIGNALS));
        }

        @Test
        void requiresPointsForBuiltInKinds() {
            assertThat(problems(replace("    points: 10\n", "")))
                    .containsExactly("engagement-rules.yaml line 3: points.deal-registered is missing required key"
                            + " 'points'");
        }

        @Test
        void reportsEveryProblemAtOnce() {
            assertThat(problems(replace("points: 10", "points: -5").replace("weight: 25", "weight: -1")))
                    .hasSize(2);
        }
    }
}
