package io.prmsync.engagement;

import io.prmsync.engagement.EngagementRules.Stage;
import io.prmsync.yaml.YamlNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code stages}: the five PRACT stages, each once, in path order. The first stage holds every partner and
 * has no criteria; every other needs {@code reached-when}.
 */
final class StageListReader {

    private final StageCriterionReader criteria = new StageCriterionReader();

    List<Stage> read(YamlNode stages) {
        if (!stages.isPresent()) {
            return List.of();
        }
        if (!stages.isList() || stages.items().isEmpty()) {
            stages.problem("must be a list of the stages " + PractStage.codes() + ", in this order");
            return List.of();
        }
        Map<PractStage, String> seen = new EnumMap<>(PractStage.class);
        List<Stage> result = new ArrayList<>();
        List<YamlNode> items = stages.items();
        for (int i = 0; i < items.size(); i++) {
            readStage(items.get(i), i, seen).ifPresent(result::add);
        }
        List<PractStage> missing = Arrays.stream(PractStage.values())
                .filter(stage -> !seen.containsKey(stage))
                .toList();
        if (!missing.isEmpty()) {
            stages.problem("is missing "
                    + String.join(", ", missing.stream().map(PractStage::code).toList()) + ": the stages are "
                    + PractStage.codes() + ", in this order");
        }
        return result;
    }

    private Optional<Stage> readStage(YamlNode node, int index, Map<PractStage, String> seen) {
        if (!node.isMap()) {
            node.problem("must be a stage with code, name and reached-when");
            return Optional.empty();
        }
        node.allowOnly("code", "name", "reached-when");
        Optional<PractStage> stage = code(node.required("code"), index, seen);
        Optional<String> name = RuleValues.nonEmpty(node.required("name"));
        YamlNode reachedWhen = node.get("reached-when");
        Optional<StageCriterion> criterion;
        if (index == 0) {
            if (reachedWhen.isPresent()) {
                reachedWhen.problem("is not allowed on the first stage: every partner starts there");
            }
            criterion = Optional.of(new StageCriterion.Everyone());
        } else {
            YamlNode required = node.required("reached-when");
            criterion = required.isPresent() ? criteria.readRule(required) : Optional.empty();
        }
        if (stage.isEmpty() || name.isEmpty() || criterion.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Stage(stage.get(), name.get(), criterion.get()));
    }

    private static Optional<PractStage> code(YamlNode node, int index, Map<PractStage, String> seen) {
        Optional<String> text = node.text();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<PractStage> stage = Arrays.stream(PractStage.values())
                .filter(candidate -> candidate.code().equals(text.get()))
                .findFirst();
        if (stage.isEmpty()) {
            node.problem("must be one of " + PractStage.codes() + ", not '" + text.get() + "'");
            return Optional.empty();
        }
        String earlier = seen.putIfAbsent(stage.get(), node.path());
        if (earlier != null) {
            node.problem("'" + text.get() + "' is already used by " + earlier.substring(0, earlier.lastIndexOf('.')));
            return Optional.empty();
        }
        if (stage.get().ordinal() != index) {
            node.problem("is " + text.get() + " but stage " + (index + 1) + " of the path is "
                    + (index < PractStage.values().length ? PractStage.values()[index].code() : "none")
                    + ": the stages are " + PractStage.codes() + ", in this order");
            return Optional.empty();
        }
        return stage;
    }
}
