package io.prmsync.engagement;

import io.prmsync.engagement.EngagementRules.Stage;
import io.prmsync.tier.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the partner stands on the PRACT path: the highest stage whose reached-when holds together with every
 * lower stage's. A partner that co-sells but never registered a deal stays below Activate, and the explanation
 * shows Collaboration's criteria met but the stage not reached. Stages are listed lowest first.
 */
public record StageEvaluation(String stage, String name, List<StageCheck> stages) {

    public StageEvaluation {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(name, "name");
        stages = List.copyOf(stages);
    }

    /** One stage's criteria as they stood; {@code reached} also needs every lower stage reached. */
    public record StageCheck(String code, String name, CheckResult reachedWhen, boolean reached) {

        public StageCheck {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reachedWhen, "reachedWhen");
        }
    }

    static StageEvaluation of(EngagementRules rules, StageContext context) {
        List<StageCheck> checks = new ArrayList<>();
        boolean lowerReached = true;
        Stage current = rules.stages().get(0);
        for (Stage stage : rules.stages()) {
            CheckResult result = stage.reachedWhen().check(context);
            boolean reached = lowerReached && result.met();
            checks.add(new StageCheck(stage.stage().code(), stage.name(), result, reached));
            if (reached) {
                current = stage;
            }
            lowerReached = reached;
        }
        return new StageEvaluation(current.stage().code(), current.name(), checks);
    }

    public PractStage practStage() {
        return PractStage.valueOf(stage);
    }

    public boolean reached(PractStage stage) {
        return practStage().compareTo(stage) >= 0;
    }
}
