package io.prmsync.tier;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a partner still lacks for the tier above its own, read from its explanation: the promote-when criteria of
 * that tier it does not meet yet. Criteria of an "any of" group are alternatives (one of them is enough); a met
 * group needs nothing. A partner without a tier looks at the lowest; one at the top has no next tier.
 *
 * @param tierCode the next tier
 * @param needs what is missing, in the rule's order; empty when the partner already qualifies (its promotion waits
 *     for a grace period or the next evaluation)
 */
public record NextTierNeeds(String tierCode, String tierName, List<Need> needs) {

    /**
     * One criterion not met yet.
     *
     * @param alternative true when it belongs to an "any of" group: meeting it or one of its siblings is enough
     */
    public record Need(String criterion, String required, String actual, boolean alternative) {}

    public NextTierNeeds {
        needs = List.copyOf(needs);
    }

    public static Optional<NextTierNeeds> of(Explanation explanation, String currentTier) {
        List<Explanation.TierExplanation> tiers = explanation.tiers();
        int current = -1;
        for (int i = 0; i < tiers.size(); i++) {
            if (Objects.equals(tiers.get(i).code(), currentTier)) {
                current = i;
            }
        }
        if (current + 1 >= tiers.size()) {
            return Optional.empty();
        }
        Explanation.TierExplanation next = tiers.get(current + 1);
        List<Need> needs = new ArrayList<>();
        collect(next.promoteWhen(), false, needs);
        return Optional.of(new NextTierNeeds(next.code(), next.name(), needs));
    }

    private static void collect(CheckResult check, boolean alternative, List<Need> needs) {
        if (check.met()) {
            return;
        }
        if (check.parts().isEmpty()) {
            needs.add(new Need(check.criterion(), check.required(), check.actual(), alternative));
            return;
        }
        boolean choice = alternative || CheckResult.ANY_OF.equals(check.criterion());
        check.parts().forEach(part -> collect(part, choice, needs));
    }
}
