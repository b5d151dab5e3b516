package io.prmsync.tier;

import io.prmsync.yaml.YamlNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tiers are listed lowest first: a tier whose required criterion asks less than the same criterion of the tier
 * below it is almost certainly listed out of order, and would make partners skip or flip between the two.
 * Only criteria every partner must meet (the top-level {@code all} of promote-when) are compared, and only
 * like with like (same certification codes, same window, same currency).
 */
final class TierOrderCheck {

    private TierOrderCheck() {}

    static void check(List<Tier> tiers, List<YamlNode> nodes) {
        for (int i = 2; i < tiers.size() && i < nodes.size(); i++) {
            Map<String, BigDecimal> below = minimums(tiers.get(i - 1).promoteWhen());
            Map<String, BigDecimal> above = minimums(tiers.get(i).promoteWhen());
            for (Map.Entry<String, BigDecimal> required : above.entrySet()) {
                BigDecimal lower = below.get(required.getKey());
                if (lower != null && required.getValue().compareTo(lower) < 0) {
                    nodes.get(i)
                            .get("promote-when")
                            .problem("asks " + required.getKey() + " ≥ "
                                    + required.getValue().toPlainString() + ", less than "
                                    + tiers.get(i - 1).code()
                                    + " below it (≥ " + lower.toPlainString() + "): tiers must be listed lowest first");
                }
            }
        }
    }

    private static Map<String, BigDecimal> minimums(Criterion promoteWhen) {
        List<Criterion> required = promoteWhen instanceof Criterion.AllOf all ? all.parts() : List.of(promoteWhen);
        Map<String, BigDecimal> minimums = new HashMap<>();
        for (Criterion criterion : required) {
            if (criterion instanceof Criterion.Certifications c) {
                minimums.put("certifications " + c.codes(), BigDecimal.valueOf(c.min()));
            } else if (criterion instanceof Criterion.NewCustomerWins w) {
                minimums.put("new-customer wins in " + w.window().length(), BigDecimal.valueOf(w.min()));
            } else if (criterion instanceof Criterion.AnnualRevenue r) {
                minimums.put("annual revenue in " + r.currency(), r.min());
            } else if (criterion instanceof Criterion.ActivityPoints a) {
                minimums.put("activity points in " + a.window().length(), BigDecimal.valueOf(a.min()));
            } else if (criterion instanceof Criterion.CustomerSatisfaction s) {
                minimums.put("customer satisfaction", s.min());
            }
        }
        return minimums;
    }
}
