package io.prmsync.engagement;

import static io.prmsync.engagement.RuleValues.count;
import static io.prmsync.engagement.RuleValues.positiveAmount;
import static io.prmsync.engagement.RuleValues.positivePeriod;
import static io.prmsync.engagement.RuleValues.share;
import static io.prmsync.engagement.RuleValues.shareOrZero;

import io.prmsync.yaml.YamlNode;
import java.math.BigDecimal;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code risk:}, one optional entry per signal; a signal left out is not measured. Each has a {@code weight}
 * (risk points at full strength, 0 to 100) and its thresholds.
 */
final class RiskRulesReader {

    static final List<String> SIGNALS = List.of(
            "days-since-last-registration",
            "certifications-expiring",
            "activity-falling",
            "tier-at-risk",
            "registrations-rejected",
            "onboarding-stalled",
            "satisfaction-falling",
            "decisions-over-sla");

    private RiskRulesReader() {}

    static List<RiskSignalRule> read(YamlNode risk) {
        List<RiskSignalRule> result = new ArrayList<>();
        if (!risk.isPresent()) {
            return result;
        }
        risk.allowOnly(SIGNALS.toArray(String[]::new));
        risk.entries().forEach((name, node) -> {
            if (SIGNALS.contains(name)) {
                if (node.isMap()) {
                    readSignal(name, node).ifPresent(result::add);
                } else {
                    node.problem("must be a mapping with weight and the signal's thresholds");
                }
            }
        });
        return result;
    }

    private static Optional<RiskSignalRule> readSignal(String name, YamlNode node) {
        Optional<Integer> weight = RuleValues.between(node.required("weight"), 0, 100);
        Optional<RiskSignalRule> rule = switch (name) {
            case "days-since-last-registration" -> daysSince(node, weight);
            case "certifications-expiring" -> {
                node.allowOnly("weight", "within");
                Optional<Period> within = positivePeriod(node.required("within"));
                yield all(weight, within)
                        .map(ok -> new RiskSignalRule.CertificationsExpiring(weight.get(), within.get()));
            }
            case "activity-falling" -> {
                node.allowOnly("weight", "window", "full-at-drop");
                Optional<Period> window = positivePeriod(node.required("window"));
                Optional<BigDecimal> full = share(node.required("full-at-drop"));
                yield all(weight, window, full)
                        .map(ok -> new RiskSignalRule.ActivityFalling(weight.get(), window.get(), full.get()));
            }
            case "tier-at-risk" -> {
                node.allowOnly("weight", "pending-demotion", "grace");
                Optional<BigDecimal> pending = shareOrZero(node.required("pending-demotion"));
                Optional<BigDecimal> grace = shareOrZero(node.required("grace"));
                yield all(weight, pending, grace)
                        .map(ok -> new RiskSignalRule.TierAtRisk(weight.get(), pending.get(), grace.get()));
            }
            case "registrations-rejected", "decisions-over-sla" -> shares(name, node, weight);
            case "onboarding-stalled" -> {
                node.allowOnly("weight", "after-days");
                Optional<Integer> after = count(node.required("after-days"));
                yield all(weight, after).map(ok -> new RiskSignalRule.OnboardingStalled(weight.get(), after.get()));
            }
            default -> {
                node.allowOnly("weight", "full-at-drop");
                Optional<BigDecimal> full = positiveAmount(node.required("full-at-drop"));
                yield all(weight, full).map(ok -> new RiskSignalRule.SatisfactionFalling(weight.get(), full.get()));
            }
        };
        return rule;
    }

    private static Optional<RiskSignalRule> daysSince(YamlNode node, Optional<Integer> weight) {
        node.allowOnly("weight", "from-days", "to-days");
        Optional<Integer> from = count(node.required("from-days"));
        YamlNode toNode = node.required("to-days");
        Optional<Integer> to = count(toNode);
        if (from.isPresent() && to.isPresent() && to.get() <= from.get()) {
            toNode.problem("must be more than from-days (" + from.get() + "), not " + to.get());
            return Optional.empty();
        }
        return all(weight, from, to)
                .map(ok -> new RiskSignalRule.DaysSinceLastRegistration(weight.get(), from.get(), to.get()));
    }

    private static Optional<RiskSignalRule> shares(String name, YamlNode node, Optional<Integer> weight) {
        String minimum = name.equals("registrations-rejected") ? "min-decided" : "min-due";
        node.allowOnly("weight", "window", minimum, "full-at-share");
        Optional<Period> window = positivePeriod(node.required("window"));
        Optional<Integer> min = count(node.required(minimum));
        Optional<BigDecimal> full = share(node.required("full-at-share"));
        return all(weight, window, min, full)
                .map(ok -> name.equals("registrations-rejected")
                        ? new RiskSignalRule.RegistrationsRejected(weight.get(), window.get(), min.get(), full.get())
                        : new RiskSignalRule.DecisionsOverSla(weight.get(), window.get(), min.get(), full.get()));
    }

    private static Optional<Boolean> all(Optional<?>... values) {
        for (Optional<?> value : values) {
            if (value.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(true);
    }
}
