package io.prmsync.engagement;

import static io.prmsync.engagement.EngagementRules.DEAL_WON;

import io.prmsync.engagement.EngagementRules.Cap;
import io.prmsync.engagement.EngagementRules.PointsRule;
import io.prmsync.yaml.YamlNode;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code points:}, a mapping from kind to its rule. Built-in kinds must say their {@code points} (0 switches
 * them off); an activity kind may leave it out to earn the PRM's own value.
 */
final class PointsRulesReader {

    private PointsRulesReader() {}

    static Map<String, PointsRule> read(YamlNode points) {
        Map<String, PointsRule> result = new LinkedHashMap<>();
        if (!points.isPresent()) {
            return result;
        }
        points.entries().forEach((kind, node) -> {
            YamlNode kindNode = node;
            if (RuleValues.kind(kindNode, kind).isPresent()) {
                readRule(kind, node).ifPresent(rule -> result.put(kind, rule));
            }
        });
        return result;
    }

    private static Optional<PointsRule> readRule(String kind, YamlNode node) {
        if (!node.isMap() && node.isPresent()) {
            node.problem("must be a mapping with points and, optionally, cap"
                    + (kind.equals(DEAL_WON) ? " and new-customer-bonus" : ""));
            return Optional.empty();
        }
        node.allowOnly(
                kind.equals(DEAL_WON)
                        ? new String[] {"points", "cap", "new-customer-bonus"}
                        : new String[] {"points", "cap"});
        boolean builtIn = EngagementRules.BUILT_IN_KINDS.contains(kind);
        YamlNode pointsNode = builtIn ? node.required("points") : node.get("points");
        Optional<Integer> points = RuleValues.count(pointsNode);
        boolean pointsOk = !pointsNode.isPresent() || points.isPresent();
        Optional<Optional<Cap>> cap = cap(node.get("cap"));
        YamlNode bonusNode = node.get("new-customer-bonus");
        Optional<Integer> bonus = bonusNode.isPresent() ? RuleValues.count(bonusNode) : Optional.of(0);
        if (!pointsOk || (builtIn && points.isEmpty()) || cap.isEmpty() || bonus.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PointsRule(kind, points, cap.get(), bonus.get()));
    }

    private static Optional<Optional<Cap>> cap(YamlNode node) {
        if (!node.isPresent()) {
            return Optional.of(Optional.empty());
        }
        if (!node.isMap()) {
            node.problem("must be a mapping such as {max: 5, per: P1M}");
            return Optional.empty();
        }
        node.allowOnly("max", "per");
        Optional<Integer> max = RuleValues.count(node.required("max"));
        Optional<Period> per = RuleValues.positivePeriod(node.required("per"));
        return max.isEmpty() || per.isEmpty()
                ? Optional.empty()
                : Optional.of(Optional.of(new Cap(max.get(), per.get())));
    }
}
