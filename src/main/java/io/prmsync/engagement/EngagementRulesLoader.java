package io.prmsync.engagement;

import io.prmsync.engagement.EngagementRules.ActionRules;
import io.prmsync.engagement.EngagementRules.PointsRule;
import io.prmsync.engagement.EngagementRules.Stage;
import io.prmsync.yaml.ConfigInvalidException;
import io.prmsync.yaml.ConfigProblems;
import io.prmsync.yaml.YamlFiles;
import io.prmsync.yaml.YamlNode;
import java.nio.file.Path;
import java.time.Period;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads {@code config/engagement-rules.yaml}. Every problem is reported at once, each with the file, the line and
 * the key, and unknown keys are refused, as in tier-rules.yaml: {@code engagement-rules.yaml line 12:
 * points.deal-registered.points must be ≥ 0, not -5}.
 */
public final class EngagementRulesLoader {

    private EngagementRulesLoader() {}

    public static EngagementRules load(Path file) {
        return read(YamlFiles.read(file));
    }

    public static EngagementRules parse(String content, String fileName) {
        return read(YamlFiles.parse(content, fileName));
    }

    static EngagementRules read(YamlNode root) {
        if (!root.isMap()) {
            root.problem("must be a mapping of keys to values");
            throwIfAny(root.problems());
        }
        root.allowOnly(
                "rules-version",
                "points",
                "points-expire-after",
                "deal-decision-sla",
                "stages",
                "risk",
                "at-risk",
                "actions");
        Optional<String> version = RuleValues.nonEmpty(root.required("rules-version"));
        Map<String, PointsRule> points = PointsRulesReader.read(root.required("points"));
        Optional<Period> expiry = RuleValues.positivePeriod(root.required("points-expire-after"));
        Optional<Period> sla = RuleValues.positivePeriod(root.required("deal-decision-sla"));
        List<Stage> stages = new StageListReader().read(root.required("stages"));
        List<RiskSignalRule> risk = RiskRulesReader.read(root.required("risk"));
        Optional<Integer> atRisk = RuleValues.between(root.required("at-risk"), 0, 100);
        Optional<ActionRules> actions = actions(root.get("actions"));
        throwIfAny(root.problems());
        return new EngagementRules(
                version.orElseThrow(),
                points,
                expiry.orElseThrow(),
                sla.orElseThrow(),
                stages,
                risk,
                atRisk.orElseThrow(),
                actions.orElseThrow());
    }

    /** Every key is optional; the defaults are those the shipped file spells out. */
    private static Optional<ActionRules> actions(YamlNode node) {
        if (node.isPresent() && !node.isMap()) {
            node.problem("must be a mapping of the action settings");
            return Optional.empty();
        }
        node.allowOnly("max", "onboarding-activity", "survey-activity", "survey-every", "tier-gap-weight");
        Optional<Integer> max = optional(node.get("max"), RuleValues.between(node.get("max"), 1, 20), 5);
        Optional<String> onboarding = activityKind(node.get("onboarding-activity"), "onboarding-completed");
        Optional<String> survey = activityKind(node.get("survey-activity"), "survey-answered");
        YamlNode everyNode = node.get("survey-every");
        Optional<Period> every =
                everyNode.isPresent() ? RuleValues.positivePeriod(everyNode) : Optional.of(Period.ofMonths(6));
        YamlNode weightNode = node.get("tier-gap-weight");
        Optional<Integer> weight = optional(weightNode, RuleValues.between(weightNode, 0, 100), 10);
        if (max.isEmpty() || onboarding.isEmpty() || survey.isEmpty() || every.isEmpty() || weight.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ActionRules(max.get(), onboarding.get(), survey.get(), every.get(), weight.get()));
    }

    private static <T> Optional<T> optional(YamlNode node, Optional<T> read, T fallback) {
        return node.isPresent() ? read : Optional.of(fallback);
    }

    private static Optional<String> activityKind(YamlNode node, String fallback) {
        return node.isPresent() ? node.text().flatMap(text -> RuleValues.kind(node, text)) : Optional.of(fallback);
    }

    // YamlNode reports a duplicated key each time a mapping is read; the admin should see each problem once.
    private static void throwIfAny(ConfigProblems problems) {
        if (!problems.isEmpty()) {
            throw new ConfigInvalidException(List.copyOf(new LinkedHashSet<>(problems.messages())));
        }
    }
}
