package io.prmsync.tier;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated set of tier rules, usually read by {@link TierRulesLoader}. {@code tiers} are ordered lowest
 * first; {@code rulesVersion} is stored with every tier change so a decision can be traced to its rules.
 */
public record TierRules(
        String rulesVersion,
        String currency,
        PromotionCadence promotion,
        Maintenance maintenance,
        DemotionMode demotion,
        List<Tier> tiers) {

    public TierRules {
        Objects.requireNonNull(rulesVersion, "rulesVersion");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(promotion, "promotion");
        Objects.requireNonNull(maintenance, "maintenance");
        Objects.requireNonNull(demotion, "demotion");
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("tier rules need at least one tier");
        }
        Tier lowest = tiers.get(0);
        if (!(lowest.promoteWhen() instanceof Criterion.Everyone)
                || !(lowest.keepWhen() instanceof Criterion.Everyone)) {
            throw new IllegalArgumentException("the lowest tier " + lowest.code() + " must be open to every partner");
        }
        Set<String> codes = new HashSet<>();
        tiers.forEach(tier -> {
            if (!codes.add(tier.code())) {
                throw new IllegalArgumentException("tier code " + tier.code() + " is used twice");
            }
        });
    }

    public Optional<Tier> tier(String code) {
        return tiers.stream().filter(tier -> tier.code().equals(code)).findFirst();
    }

    /** Position from the bottom: the lowest tier is 0. */
    public int rank(Tier tier) {
        int rank = tiers.indexOf(tier);
        if (rank < 0) {
            throw new IllegalArgumentException("tier " + tier.code() + " is not part of rules " + rulesVersion);
        }
        return rank;
    }

    public Tier lowest() {
        return tiers.get(0);
    }
}
