package io.prmsync.engagement;

import static io.prmsync.engagement.RuleValues.count;
import static io.prmsync.engagement.RuleValues.optionalWindow;
import static io.prmsync.engagement.RuleValues.window;

import io.prmsync.tier.Criterion;
import io.prmsync.tier.TrailingWindow;
import io.prmsync.yaml.CriteriaGroups;
import io.prmsync.yaml.YamlNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Reads a stage's {@code reached-when}: groups ({@code all:} / {@code any:}) of the tier criteria that fit
 * engagement (certifications, new-customer-wins, activity-points, customer-satisfaction, written as in
 * tier-rules.yaml) and the engagement criteria. Records every problem and yields empty instead of throwing.
 */
final class StageCriterionReader {

    static final List<String> KINDS = List.of(
            "activity",
            "activity-points",
            "certifications",
            "customer-satisfaction",
            "deal-registered-within",
            "deals-decided-within-sla",
            "deals-registered",
            "deals-won",
            "new-customer-wins");
    private static final Pattern CERTIFICATION_CODE = Pattern.compile("[A-Z0-9][A-Z0-9._-]*");

    Optional<StageCriterion> readRule(YamlNode node) {
        if (!node.isMap() || !CriteriaGroups.isGroup(node)) {
            node.problem("must be a group: 'all:' or 'any:' followed by a list of criteria");
            return Optional.empty();
        }
        return readGroup(node);
    }

    private Optional<StageCriterion> readItem(YamlNode node) {
        boolean criterion = node.isMap() && node.get("criterion").isPresent();
        if (!node.isMap() || criterion == CriteriaGroups.isGroup(node)) {
            node.problem("must be either a criterion ('criterion: …') or a group ('all:' or 'any:')");
            return Optional.empty();
        }
        return criterion ? readCriterion(node) : readGroup(node);
    }

    private Optional<StageCriterion> readGroup(YamlNode node) {
        return CriteriaGroups.read(node, this::readItem, StageCriterion.AllOf::new, StageCriterion.AnyOf::new);
    }

    private Optional<StageCriterion> readCriterion(YamlNode node) {
        YamlNode kind = node.get("criterion");
        String name = kind.text().orElse("");
        switch (name) {
            case "certifications" -> {
                node.allowOnly("criterion", "min", "codes");
                Optional<Integer> min = count(node.required("min"));
                Optional<List<String>> codes = certificationCodes(node.get("codes"));
                return both(min, codes, (m, c) -> tier(new Criterion.Certifications(m, c)));
            }
            case "new-customer-wins" -> {
                node.allowOnly("criterion", "min", "window");
                return both(
                        count(node.required("min")),
                        window(node.required("window")),
                        (m, w) -> tier(new Criterion.NewCustomerWins(m, w)));
            }
            case "activity-points" -> {
                node.allowOnly("criterion", "min", "window");
                return both(
                        count(node.required("min")),
                        window(node.required("window")),
                        (m, w) -> tier(new Criterion.ActivityPoints(m, w)));
            }
            case "customer-satisfaction" -> {
                node.allowOnly("criterion", "min");
                return amount(node.required("min")).map(min -> tier(new Criterion.CustomerSatisfaction(min)));
            }
            case "activity" -> {
                node.allowOnly("criterion", "kind", "min", "window");
                YamlNode kindNode = node.required("kind");
                Optional<String> activity = kindNode.text().flatMap(text -> RuleValues.kind(kindNode, text));
                Optional<Integer> min = count(node.required("min"));
                Optional<Optional<TrailingWindow>> window = optionalWindow(node.get("window"));
                return activity.isEmpty() || min.isEmpty() || window.isEmpty()
                        ? Optional.empty()
                        : Optional.of(new StageCriterion.Activity(activity.get(), min.get(), window.get()));
            }
            case "deal-registered-within" -> {
                node.allowOnly("criterion", "days");
                return count(node.required("days")).map(StageCriterion.DealRegisteredWithin::new);
            }
            case "deals-registered" -> {
                node.allowOnly("criterion", "min", "window");
                return both(
                        count(node.required("min")),
                        optionalWindow(node.get("window")),
                        (m, w) -> new StageCriterion.DealsRegistered(m, w));
            }
            case "deals-won" -> {
                node.allowOnly("criterion", "min", "window");
                return both(
                        count(node.required("min")),
                        window(node.required("window")),
                        (m, w) -> new StageCriterion.DealsWon(m, w));
            }
            case "deals-decided-within-sla" -> {
                node.allowOnly("criterion", "min-share", "min-decided", "window");
                Optional<BigDecimal> share = RuleValues.share(node.required("min-share"));
                YamlNode minDecided = node.get("min-decided");
                Optional<Integer> decided = minDecided.isPresent() ? count(minDecided) : Optional.of(1);
                Optional<Optional<TrailingWindow>> window = optionalWindow(node.get("window"));
                return share.isEmpty() || decided.isEmpty() || window.isEmpty()
                        ? Optional.empty()
                        : Optional.of(new StageCriterion.DecidedWithinSla(share.get(), decided.get(), window.get()));
            }
            default -> {
                kind.problem("must be one of " + KINDS + ", not '" + name + "'");
                return Optional.empty();
            }
        }
    }

    private static StageCriterion tier(Criterion criterion) {
        return new StageCriterion.Tier(criterion);
    }

    private static <A, B> Optional<StageCriterion> both(
            Optional<A> a, Optional<B> b, BiFunction<A, B, StageCriterion> make) {
        return a.isEmpty() || b.isEmpty() ? Optional.empty() : Optional.of(make.apply(a.get(), b.get()));
    }

    private static Optional<BigDecimal> amount(YamlNode node) {
        return node.decimal().filter(value -> {
            if (value.signum() < 0) {
                node.problem("must be ≥ 0, not " + value.toPlainString());
            }
            return value.signum() >= 0;
        });
    }

    /** As in tier-rules.yaml: absent counts every code; an empty list would silently count none, so it is refused. */
    private static Optional<List<String>> certificationCodes(YamlNode node) {
        if (!node.isPresent()) {
            return Optional.of(List.of());
        }
        if (!node.isList() || node.items().isEmpty()) {
            node.problem("must be a list of at least one certification code; leave it out to count every code");
            return Optional.empty();
        }
        Set<String> codes = new LinkedHashSet<>();
        boolean valid = true;
        for (YamlNode item : node.items()) {
            String code = item.text().orElse("");
            if (!CERTIFICATION_CODE.matcher(code).matches() || !codes.add(code)) {
                item.problem("must be a certification code not listed before, of capital letters, digits, '.', '_'"
                        + " or '-' such as SALES-101, not '" + code + "'");
                valid = false;
            }
        }
        return valid ? Optional.of(new ArrayList<>(codes)) : Optional.empty();
    }
}
