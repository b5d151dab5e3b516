package io.prmsync.engagement;

import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The engagement rules of {@code config/engagement-rules.yaml}, validated; see that file for what each means. */
public record EngagementRules(
        String rulesVersion,
        Map<String, PointsRule> points,
        Period pointsExpireAfter,
        Period dealDecisionSla,
        List<Stage> stages,
        List<RiskSignalRule> risk,
        int atRisk,
        ActionRules actions) {

    /** Kinds earned by the records themselves rather than by PRM activities. */
    public static final String CERTIFICATION_EARNED = "certification-earned";

    public static final String DEAL_REGISTERED = "deal-registered";
    public static final String DEAL_APPROVED = "deal-approved";
    public static final String DEAL_WON = "deal-won";
    public static final List<String> BUILT_IN_KINDS =
            List.of(CERTIFICATION_EARNED, DEAL_REGISTERED, DEAL_APPROVED, DEAL_WON);

    public EngagementRules {
        Objects.requireNonNull(rulesVersion, "rulesVersion");
        points = Map.copyOf(points);
        Objects.requireNonNull(pointsExpireAfter, "pointsExpireAfter");
        Objects.requireNonNull(dealDecisionSla, "dealDecisionSla");
        stages = List.copyOf(stages);
        if (stages.size() != PractStage.values().length) {
            throw new IllegalArgumentException("every PRACT stage must be configured, in order");
        }
        risk = List.copyOf(risk);
        Objects.requireNonNull(actions, "actions");
    }

    public Optional<PointsRule> pointsFor(String kind) {
        return Optional.ofNullable(points.get(kind));
    }

    /**
     * Points for one kind. {@code points} absent means: built-in kinds earn nothing, activity kinds earn the
     * PRM's own value. {@code newCustomerBonus} is only read for {@code deal-won}.
     */
    public record PointsRule(String kind, Optional<Integer> points, Optional<Cap> cap, int newCustomerBonus) {

        public PointsRule {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(points, "points");
            Objects.requireNonNull(cap, "cap");
        }
    }

    /** At most {@code max} entries of a kind count within any stretch of {@code per} (a rolling window). */
    public record Cap(int max, Period per) {

        public Cap {
            Objects.requireNonNull(per, "per");
        }
    }

    /** One stage of the PRACT path and what reaching it takes (on top of every lower stage). */
    public record Stage(PractStage stage, String name, StageCriterion reachedWhen) {

        public Stage {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reachedWhen, "reachedWhen");
        }
    }

    /**
     * Next-best actions: at most {@code max}; {@code onboardingActivity} is the activity kind that marks
     * onboarding as done, {@code surveyActivity} the kind that marks the partner survey answered, expected every
     * {@code surveyEvery}; {@code tierGapWeight} ranks "more X for GOLD" among the risk-driven actions.
     */
    public record ActionRules(
            int max, String onboardingActivity, String surveyActivity, Period surveyEvery, int tierGapWeight) {

        public ActionRules {
            Objects.requireNonNull(onboardingActivity, "onboardingActivity");
            Objects.requireNonNull(surveyActivity, "surveyActivity");
            Objects.requireNonNull(surveyEvery, "surveyEvery");
        }
    }
}
