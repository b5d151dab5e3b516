package io.prmsync.engagement;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the engagement rules say about one partner on one day, with its explanation: the stage and every
 * stage's criteria, the points that count and their breakdown per kind, the churn risk with every signal and the
 * top reasons, the vendor's decision speed for this partner, and the next-best actions. Plain records of plain
 * fields (and {@link LocalDate}), so it can be serialised as it is, stored with history and shown in the API.
 */
public record EngagementAssessment(
        String partnerId,
        String rulesVersion,
        LocalDate evaluatedOn,
        String stage,
        String stageName,
        List<StageEvaluation.StageCheck> stageExplanation,
        int points,
        Map<String, Integer> pointsByKind,
        int risk,
        boolean atRisk,
        List<RiskSignal> signals,
        List<String> topReasons,
        DecisionSpeed decisionSpeed,
        List<Action> actions) {

    public EngagementAssessment {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(rulesVersion, "rulesVersion");
        Objects.requireNonNull(evaluatedOn, "evaluatedOn");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(stageName, "stageName");
        stageExplanation = List.copyOf(stageExplanation);
        pointsByKind = Map.copyOf(pointsByKind);
        signals = List.copyOf(signals);
        topReasons = List.copyOf(topReasons);
        Objects.requireNonNull(decisionSpeed, "decisionSpeed");
        actions = List.copyOf(actions);
    }

    /** The action sentences alone, most useful first. */
    public List<String> actionTexts() {
        return actions.stream().map(Action::text).toList();
    }
}
