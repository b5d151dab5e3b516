package io.prmsync.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.prmsync.engagement.StageEvaluation.StageCheck;
import org.junit.jupiter.api.Test;

/** Each PRACT stage of the shipped rules, reached by a partner built to reach it and no further. */
class StageEvaluationTest {

    private static Partner newcomer() {
        return Partner.joined("2026-01-10");
    }

    private static Partner ready() {
        return newcomer().activity("a1", "onboarding-completed", "2026-01-20", 0);
    }

    private static Partner active() {
        return ready().approved("d1", "2026-03-01", "2026-03-02");
    }

    private static Partner collaborating() {
        return active().activity("a2", "co-sell", "2026-04-01", 0).activity("a3", "co-sell", "2026-05-01", 0);
    }

    private static Partner trusted() {
        return collaborating()
                .won("d2", "2026-03-10", "2026-03-11", "2026-05-01", false)
                .won("d3", "2026-03-20", "2026-03-21", "2026-05-10", false)
                .won("d4", "2026-04-01", "2026-04-03", "2026-06-01", false);
    }

    @Test
    void aNewcomerStandsAtPerception() {
        assertThat(newcomer().evaluate().stage()).isEqualTo("PERCEPTION");
    }

    @Test
    void onboardingDoneReachesReadiness() {
        assertThat(ready().evaluate().stage()).isEqualTo("READINESS");
    }

    @Test
    void aCertificationAloneAlsoReachesReadiness() {
        assertThat(newcomer()
                        .certification("c1", "SALES-101", "2026-02-01", null)
                        .evaluate()
                        .stage())
                .isEqualTo("READINESS");
    }

    @Test
    void aDealRegisteredWithinNinetyDaysOfJoiningReachesActivate() {
        EngagementAssessment assessment = active().evaluate();
        assertThat(assessment.stage()).isEqualTo("ACTIVATE");
        assertThat(assessment.stageExplanation().get(2).reachedWhen().parts().get(0))
                .satisfies(first -> {
                    assertThat(first.criterion()).isEqualTo("first deal registered, days after joining");
                    assertThat(first.required()).isEqualTo("≤ 90");
                    assertThat(first.actual()).isEqualTo("50");
                    assertThat(first.met()).isTrue();
                });
    }

    @Test
    void coSellingReachesCollaboration() {
        assertThat(collaborating().evaluate().stage()).isEqualTo("COLLABORATION");
    }

    @Test
    void sustainedWinsDecidedWithinTheSlaReachTrust() {
        EngagementAssessment assessment = trusted().evaluate();
        assertThat(assessment.stage()).isEqualTo("TRUST");
        assertThat(assessment.stageName()).isEqualTo("Trust");
        assertThat(assessment
                        .stageExplanation()
                        .get(4)
                        .reachedWhen()
                        .parts()
                        .get(1)
                        .actual())
                .isEqualTo("4 of 4 (1.00)");
    }

    @Test
    void slowDecisionsKeepAPartnerFromTrust() {
        EngagementAssessment assessment = trusted()
                .approved("d5", "2026-05-01", "2026-05-08")
                .approved("d6", "2026-05-02", "2026-05-09")
                .evaluate();
        assertThat(assessment.stage()).isEqualTo("COLLABORATION");
        assertThat(assessment
                        .stageExplanation()
                        .get(4)
                        .reachedWhen()
                        .parts()
                        .get(1)
                        .actual())
                .isEqualTo("4 of 6 (0.67)");
    }

    @Test
    void aPartnerMeetingCollaborationButNotActivateStaysBelow() {
        EngagementAssessment assessment = ready().activity("a2", "co-sell", "2026-04-01", 0)
                .activity("a3", "co-sell", "2026-05-01", 0)
                .evaluate();
        assertThat(assessment.stage()).isEqualTo("READINESS");
        assertThat(assessment.stageExplanation())
                .extracting(StageCheck::code, check -> check.reachedWhen().met(), StageCheck::reached)
                .containsExactly(
                        tuple("PERCEPTION", true, true),
                        tuple("READINESS", true, true),
                        tuple("ACTIVATE", false, false),
                        tuple("COLLABORATION", true, false),
                        tuple("TRUST", false, false));
    }

    @Test
    void aFirstDealLongAfterJoiningNeedsASecondToActivate() {
        Partner late = Partner.joined("2025-01-10")
                .activity("a1", "onboarding-completed", "2025-01-20", 0)
                .submitted("d1", "2026-05-01");
        assertThat(late.evaluate().stage()).isEqualTo("READINESS");
        assertThat(late.submitted("d2", "2026-06-01").evaluate().stage()).isEqualTo("ACTIVATE");
    }
}
