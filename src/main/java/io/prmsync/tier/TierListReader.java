package io.prmsync.tier;

import io.prmsync.yaml.YamlNode;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the {@code tiers} list, lowest first, recording every problem instead of stopping at the first. */
final class TierListReader {

    // Tier codes end up as keys in the PRM store and as picklist values in Salesforce, so they stay plain.
    private static final Pattern TIER_CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final List<String> CRITERIA_KEYS = List.of("promote-when", "keep-when", "grace-period");

    private final CriterionReader criteria;
    private final Map<String, String> pathsByCode = new HashMap<>();

    TierListReader(CriterionReader criteria) {
        this.criteria = criteria;
    }

    List<Tier> read(YamlNode tiers) {
        if (!tiers.isPresent()) {
            return List.of();
        }
        if (!tiers.isList() || tiers.items().isEmpty()) {
            tiers.problem("must be a list of at least one tier, lowest first");
            return List.of();
        }
        List<YamlNode> items = tiers.items();
        List<Tier> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            readTier(items.get(i), i == 0).ifPresent(result::add);
        }
        if (result.size() == items.size()) {
            TierOrderCheck.check(result, items);
        }
        return result;
    }

    private Optional<Tier> readTier(YamlNode node, boolean lowest) {
        if (!node.isMap()) {
            node.problem("must be a tier with code, name and its criteria");
            return Optional.empty();
        }
        node.allowOnly("code", "name", "grace-period", "promote-when", "keep-when");
        Optional<String> code = code(node.required("code"));
        Optional<String> name = name(node.required("name"));
        if (lowest) {
            refuseCriteriaOnLowest(node);
            return code.isEmpty() || name.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Tier.entry(code.get(), name.get()));
        }
        Optional<Period> grace = gracePeriod(node.required("grace-period"));
        Optional<Criterion> promoteWhen = criteria.readRule(node.required("promote-when"));
        Optional<Criterion> keepWhen = criteria.readRule(node.required("keep-when"));
        if (code.isEmpty() || name.isEmpty() || grace.isEmpty() || promoteWhen.isEmpty() || keepWhen.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Tier(code.get(), name.get(), promoteWhen.get(), keepWhen.get(), grace.get()));
    }

    private static void refuseCriteriaOnLowest(YamlNode node) {
        CRITERIA_KEYS.stream()
                .map(node::get)
                .filter(YamlNode::isPresent)
                .forEach(key ->
                        key.problem("is not allowed on the lowest tier: every partner holds it and cannot lose it"));
    }

    private Optional<String> code(YamlNode node) {
        Optional<String> code = node.text();
        if (code.isEmpty()) {
            return Optional.empty();
        }
        if (!TIER_CODE.matcher(code.get()).matches()) {
            node.problem("must be capital letters, digits or '_', starting with a letter (such as GOLD), not '"
                    + code.get() + "'");
            return Optional.empty();
        }
        String earlier = pathsByCode.putIfAbsent(code.get(), node.path());
        if (earlier != null) {
            node.problem("'" + code.get() + "' is already used by " + earlier.substring(0, earlier.lastIndexOf('.')));
            return Optional.empty();
        }
        return code;
    }

    private static Optional<String> name(YamlNode node) {
        Optional<String> name = node.text().map(String::strip);
        if (name.isPresent() && name.get().isEmpty()) {
            node.problem("must not be empty");
            return Optional.empty();
        }
        return name;
    }

    private static Optional<Period> gracePeriod(YamlNode node) {
        Optional<Period> period = node.period();
        if (period.isPresent() && period.get().isNegative()) {
            node.problem("must not be negative, not '" + period.get() + "'");
            return Optional.empty();
        }
        return period;
    }
}
