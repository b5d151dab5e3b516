package io.prmsync.engagement;

import static io.prmsync.engagement.Partner.SHIPPED;
import static io.prmsync.engagement.Partner.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.tier.CheckResult;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Churn risk, vendor decision speed and next-best actions under the shipped rules, on {@link Partner#TODAY}. */
class ChurnRiskAndActionsTest {

    private static final NextTierGap GOLD_GAP = new NextTierGap(
            "GOLD",
            "Gold",
            List.of(new CheckResult("new-customer wins in the last 12 months", "≥ 3", "1", false, List.of())));

    /**
     * Silver in grace, certified but one certification expiring in 25 days, last registration 75 days ago, co-selling
     * that stopped, satisfaction down by half a point, never activated (its only deal came 15 months after joining).
     */
    static Partner drifting() {
        return Partner.joined("2025-01-01")
                .certification("c1", "SALES-101", "2024-07-01", "2026-07-10")
                .certification("c2", "TECH-201", "2025-02-01", "2027-01-10")
                .approved("d1", "2026-04-01", "2026-04-02")
                .activity("a1", "co-sell", "2026-01-10", 0)
                .activity("a2", "co-sell", "2026-01-20", 0)
                .activity("a3", "co-sell", "2026-02-05", 0)
                .activity("a4", "co-sell", "2026-02-20", 0)
                .satisfaction("4.1", "4.6")
                .tier("SILVER", false, true)
                .gap(GOLD_GAP);
    }

    private static RiskSignal signal(EngagementAssessment assessment, String name) {
        return assessment.signals().stream()
                .filter(signal -> signal.signal().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Nested
    class Risk {

        @Test
        void addsEachSignalsWeightTimesItsStrength() {
            EngagementAssessment assessment = drifting().evaluate();
            assertThat(assessment.stage()).isEqualTo("READINESS");
            assertThat(signal(assessment, "days-since-last-registration"))
                    .isEqualTo(new RiskSignal(
                            "days-since-last-registration",
                            "75 days",
                            "from 30 to 120 days",
                            0.5,
                            25,
                            12.5,
                            "No deal registered since 2026-04-01"));
            assertThat(signal(assessment, "certifications-expiring").contribution())
                    .isEqualTo(7.5);
            assertThat(signal(assessment, "activity-falling").reason())
                    .isEqualTo("Activity points fell from 100 to 20 in the last 90 days (against the 90 days before)");
            assertThat(signal(assessment, "activity-falling").contribution()).isEqualTo(15.0);
            assertThat(signal(assessment, "tier-at-risk").contribution()).isEqualTo(7.5);
            assertThat(signal(assessment, "onboarding-stalled").contribution()).isEqualTo(20.0);
            assertThat(signal(assessment, "satisfaction-falling").contribution())
                    .isEqualTo(5.0);
            assertThat(signal(assessment, "registrations-rejected").contribution())
                    .isZero();
            assertThat(signal(assessment, "decisions-over-sla").contribution()).isZero();
            // 12.5 + 7.5 + 15 + 7.5 + 20 + 5 = 67.5, rounded half up
            assertThat(assessment.risk()).isEqualTo(68);
            assertThat(assessment.atRisk()).isFalse();
        }

        @Test
        void listsTheTopThreeReasonsLargestFirst() {
            assertThat(drifting().evaluate().topReasons())
                    .containsExactly(
                            "Onboarding stalled: joined on 2025-01-01, still at Readiness",
                            "Activity points fell from 100 to 20 in the last 90 days (against the 90 days before)",
                            "No deal registered since 2026-04-01");
        }

        @Test
        void flagsAPartnerThatNeverStartedAndIsLosingItsTier() {
            EngagementAssessment assessment = Partner.joined("2025-06-01")
                    .tier("GOLD", true, false)
                    .satisfaction("3.0", "4.5")
                    .evaluate();
            // 25 (no deal since joining, 379 days) + 15 (demotion pending) + 20 (stalled) + 10 (satisfaction)
            assertThat(assessment.risk()).isEqualTo(70);
            assertThat(assessment.atRisk()).isTrue();
            assertThat(assessment.topReasons())
                    .containsExactly(
                            "No deal registered since joining on 2025-06-01",
                            "Onboarding stalled: joined on 2025-06-01, still at Perception",
                            "Demotion from GOLD pending");
        }

        @Test
        void takesTheRejectedShareOverAtLeastTheMinimumOfDecisions() {
            Partner partner = Partner.joined("2026-01-01").rejected("d1", "2026-05-01", "2026-05-02");
            // 1 rejected of 1 decided reads as 1 of 3: 0.333 / 0.5 = 0.667 strength of weight 10
            assertThat(signal(partner.evaluate(), "registrations-rejected").contribution())
                    .isEqualTo(6.67);
        }

        @Test
        void countsTheVendorsSlownessAgainstIt() {
            EngagementAssessment assessment = Partner.joined("2026-01-01")
                    .approved("d1", "2026-05-01", "2026-05-06")
                    .approved("d2", "2026-05-10", "2026-05-11")
                    .submitted("d3", "2026-06-01")
                    .submitted("d4", "2026-06-14")
                    .evaluate();
            RiskSignal slow = signal(assessment, "decisions-over-sla");
            assertThat(slow.value()).isEqualTo("2 of 3 due");
            assertThat(slow.strength()).isEqualTo(1.0);
            assertThat(slow.reason())
                    .isEqualTo("2 of 3 due deal registrations decided later than 2 days (vendor side)");
            assertThat(assessment.decisionSpeed()).isEqualTo(new DecisionSpeed(2, 3.0, 3, 2, 2.0 / 3));
        }

        @Test
        void leavesDecisionsOfUnknownTimeOutOfTheVendorsSpeed() {
            // Registered a year ago and first seen approved today: the vendor may have decided it the same day.
            EngagementAssessment assessment = Partner.joined("2025-01-01")
                    .arrivedApproved("d1", "2025-06-01")
                    .arrivedApproved("d2", "2025-07-01")
                    .arrivedApproved("d3", "2025-08-01")
                    .approved("d4", "2026-05-01", "2026-05-02")
                    .evaluate();
            assertThat(assessment.decisionSpeed()).isEqualTo(new DecisionSpeed(1, 1.0, 1, 0, 0.0));
            assertThat(signal(assessment, "decisions-over-sla").contribution()).isZero();
        }

        @Test
        void measuresTheProgramsDecisionSpeedOverEveryPartner() {
            EngagementFacts fast = Partner.joined("2026-01-01")
                    .approved("d1", "2026-05-01", "2026-05-01")
                    .facts();
            EngagementFacts slow = Partner.joined("2026-01-01")
                    .approved("d2", "2026-05-01", "2026-05-05")
                    .rejected("d3", "2026-05-01", "2026-05-02")
                    .facts();
            assertThat(DecisionSpeed.program(List.of(fast, slow), SHIPPED.dealDecisionSla(), TODAY))
                    .isEqualTo(new DecisionSpeed(3, 1.0, 3, 1, 1.0 / 3));
        }
    }

    @Nested
    class Actions {

        @Test
        void putsTheMostUsefulFirstWithConcreteValues() {
            assertThat(drifting().evaluate().actionTexts())
                    .containsExactly(
                            "Finish onboarding training",
                            "Activity points fell from 100 to 20 in the last 90 days (against the 90 days before)",
                            "No deal registered since 2026-04-01",
                            "2 more new-customer wins for GOLD",
                            "Renew SALES-101, expires 2026-07-10");
        }

        @Test
        void remindsOfTheSurveyAndTheTierWhenNothingElseIsWrong() {
            EngagementAssessment assessment = Partner.joined("2026-03-01")
                    .activity("a1", "onboarding-completed", "2026-03-20", 0)
                    .approved("d1", "2026-05-20", "2026-05-21")
                    .tier("SILVER", false, false)
                    .gap(new NextTierGap(
                            "GOLD",
                            "Gold",
                            List.of(new CheckResult(
                                    "customer satisfaction score", "≥ 4.5", "no score", false, List.of()))))
                    .evaluate();
            assertThat(assessment.risk()).isZero();
            assertThat(assessment.actionTexts())
                    .containsExactly(
                            "customer satisfaction score 4.5 (now no score) for GOLD", "Answer the partner survey");
        }

        @Test
        void wordsAnAnyGroupOfTheTierGapAsAlternatives() {
            CheckResult any = new CheckResult(
                    "any of",
                    "at least 1 of 2",
                    "0 of 2 met",
                    false,
                    List.of(
                            new CheckResult("new-customer wins in the last 12 months", "≥ 1", "0", false, List.of()),
                            new CheckResult("activity points in the last 6 months", "≥ 300", "120", false, List.of())));
            assertThat(TierGapWording.sentence(any, "GOLD"))
                    .isEqualTo("1 more new-customer wins or 180 more activity points for GOLD");
        }

        @Test
        void wordsItsReasonsAndActionsTheSameOnTheNextDayWhenNothingHappened() {
            // Past every ramp: nothing about this partner changes from one day to the next, so neither may its
            // words, which go to its Account (a count of days would rewrite every such Account daily).
            EngagementFacts facts = Partner.joined("2024-01-01")
                    .approved("d1", "2025-11-01", "2025-11-02")
                    .tier("SILVER", true, false)
                    .facts();
            EngagementEngine engine = new EngagementEngine(SHIPPED);
            EngagementAssessment today = engine.evaluate(facts, TODAY);
            EngagementAssessment tomorrow = engine.evaluate(facts, TODAY.plusDays(1));

            assertThat(today.topReasons()).contains("No deal registered since 2025-11-01");
            assertThat(tomorrow.topReasons()).isEqualTo(today.topReasons());
            assertThat(tomorrow.actionTexts()).isEqualTo(today.actionTexts());
            assertThat(tomorrow.risk()).isEqualTo(today.risk());
        }

        @Test
        void keepsAtMostTheConfiguredNumber() {
            assertThat(drifting().evaluate().actions())
                    .hasSize(SHIPPED.actions().max());
        }
    }

    @Test
    void theAssessmentSerialisesAsPlainJson() throws Exception {
        String json = new ObjectMapper()
                .findAndRegisterModules()
                .writeValueAsString(drifting().evaluate());
        assertThat(json)
                .contains("\"stage\":\"READINESS\"")
                .contains("\"risk\":68")
                .contains("\"evaluatedOn\":[2026,6,15]")
                .contains("\"reason\":\"No deal registered since 2026-04-01\"");
    }
}
