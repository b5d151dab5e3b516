package io.prmsync.engagement;

import io.prmsync.tier.CheckResult;
import io.prmsync.tier.Explanation;
import io.prmsync.tier.Explanation.TierExplanation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the tier above the partner's still asks: that tier's promote-when members the partner does not meet, as
 * the tier engine worded them ({@link CheckResult} with required and actual).
 */
public record NextTierGap(String tierCode, String tierName, List<CheckResult> unmet) {

    public NextTierGap {
        Objects.requireNonNull(tierCode, "tierCode");
        Objects.requireNonNull(tierName, "tierName");
        unmet = List.copyOf(unmet);
    }

    /**
     * The gap to the tier above {@code currentTierCode} in a tier explanation (lowest tier first); empty at the top
     * tier, or when the current tier is not in the explanation.
     */
    public static Optional<NextTierGap> above(String currentTierCode, Explanation explanation) {
        List<TierExplanation> tiers = explanation.tiers();
        for (int i = 0; i + 1 < tiers.size(); i++) {
            if (tiers.get(i).code().equals(currentTierCode)) {
                TierExplanation next = tiers.get(i + 1);
                CheckResult promote = next.promoteWhen();
                List<CheckResult> unmet = promote.parts().isEmpty()
                        ? (promote.met() ? List.of() : List.of(promote))
                        : promote.parts().stream().filter(part -> !part.met()).toList();
                return Optional.of(new NextTierGap(next.code(), next.name(), unmet));
            }
        }
        return Optional.empty();
    }
}
