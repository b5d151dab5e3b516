package io.prmsync.tier;

import io.prmsync.yaml.CriteriaGroups;
import io.prmsync.yaml.YamlNode;
import java.math.BigDecimal;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code promote-when} / {@code keep-when} trees. Every method records what is wrong with its node and
 * yields empty instead of throwing, so one pass finds every mistake in the file.
 */
final class CriterionReader {

    private static final List<String> KINDS = List.of(
            "activity-points", "annual-revenue", "certifications", "customer-satisfaction", "new-customer-wins");
    private static final Pattern CERTIFICATION_CODE = Pattern.compile("[A-Z0-9][A-Z0-9._-]*");

    private final String currency;

    CriterionReader(String currency) {
        this.currency = currency;
    }

    /** A tier's {@code promote-when} or {@code keep-when}, which must be a group at its top. */
    Optional<Criterion> readRule(YamlNode node) {
        if (!node.isPresent()) {
            return Optional.empty();
        }
        if (!node.isMap() || !CriteriaGroups.isGroup(node)) {
            node.problem("must be a group: 'all:' or 'any:' followed by a list of criteria");
            return Optional.empty();
        }
        return readGroup(node);
    }

    private Optional<Criterion> readItem(YamlNode node) {
        if (!node.isMap()) {
            node.problem("must be a criterion ('criterion: …') or a group ('all:' or 'any:')");
            return Optional.empty();
        }
        boolean criterion = node.get("criterion").isPresent();
        if (criterion && CriteriaGroups.isGroup(node)) {
            node.problem("must be either a criterion or a group, not both");
            return Optional.empty();
        }
        if (!criterion && !CriteriaGroups.isGroup(node)) {
            node.problem("must be a criterion ('criterion: …') or a group ('all:' or 'any:')");
            return Optional.empty();
        }
        return criterion ? readCriterion(node) : readGroup(node);
    }

    private Optional<Criterion> readGroup(YamlNode node) {
        return CriteriaGroups.read(node, this::readItem, Criterion.AllOf::new, Criterion.AnyOf::new);
    }

    private Optional<Criterion> readCriterion(YamlNode node) {
        YamlNode kind = node.get("criterion");
        String name = kind.text().orElse("");
        switch (name) {
            case "certifications" -> {
                node.allowOnly("criterion", "min", "codes");
                Optional<Integer> min = count(node.required("min"));
                Optional<List<String>> codes = certificationCodes(node.get("codes"));
                return min.isEmpty() || codes.isEmpty()
                        ? Optional.empty()
                        : Optional.of(new Criterion.Certifications(min.get(), codes.get()));
            }
            case "new-customer-wins", "activity-points" -> {
                node.allowOnly("criterion", "min", "window");
                Optional<Integer> min = count(node.required("min"));
                Optional<TrailingWindow> window = window(node.required("window"));
                if (min.isEmpty() || window.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(
                        name.equals("new-customer-wins")
                                ? new Criterion.NewCustomerWins(min.get(), window.get())
                                : new Criterion.ActivityPoints(min.get(), window.get()));
            }
            case "annual-revenue" -> {
                node.allowOnly("criterion", "min");
                return amount(node.required("min")).map(min -> new Criterion.AnnualRevenue(min, currency));
            }
            case "customer-satisfaction" -> {
                node.allowOnly("criterion", "min");
                return amount(node.required("min")).map(Criterion.CustomerSatisfaction::new);
            }
            default -> {
                kind.problem("must be one of " + KINDS + ", not '" + name + "'");
                return Optional.empty();
            }
        }
    }

    private static Optional<Integer> count(YamlNode node) {
        return node.integer().filter(value -> atLeastZero(node, value.compareTo(0)));
    }

    private static Optional<BigDecimal> amount(YamlNode node) {
        return node.decimal().filter(value -> atLeastZero(node, value.signum()));
    }

    private static boolean atLeastZero(YamlNode node, int sign) {
        if (sign < 0) {
            node.problem("must be ≥ 0");
        }
        return sign >= 0;
    }

    private static Optional<TrailingWindow> window(YamlNode node) {
        Optional<Period> period = node.period();
        if (period.isPresent() && (period.get().isNegative() || period.get().isZero())) {
            node.problem("must be a positive period such as P12M or P90D, not '" + period.get() + "'");
            return Optional.empty();
        }
        return period.map(TrailingWindow::new);
    }

    /** Absent means every certification counts; an empty list would silently count none, so it is refused. */
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
            if (!CERTIFICATION_CODE.matcher(code).matches()) {
                item.problem("must be a certification code of capital letters, digits, '.', '_' or '-' "
                        + "such as SALES-101, not '" + code + "'");
                valid = false;
            } else if (!codes.add(code)) {
                item.problem("repeats certification code '" + code + "'");
                valid = false;
            }
        }
        return valid ? Optional.of(new ArrayList<>(codes)) : Optional.empty();
    }
}
