package io.prmsync.tier;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Why a partner holds its tier, stored with every change so an admin can answer "why is this partner Gold?".
 * {@code tiers} holds every tier's promote-when and keep-when outcome, lowest first; {@code notes} holds what
 * the summary leaves out, such as an override that has just expired. Plain records all the way down, so the
 * caller can serialise it as it is.
 */
public record Explanation(
        String partnerId,
        String rulesVersion,
        LocalDate evaluatedOn,
        String summary,
        List<TierExplanation> tiers,
        List<String> notes) {

    public Explanation {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(rulesVersion, "rulesVersion");
        Objects.requireNonNull(evaluatedOn, "evaluatedOn");
        Objects.requireNonNull(summary, "summary");
        tiers = List.copyOf(tiers);
        notes = List.copyOf(notes);
    }

    /** One tier's criteria as they stood for the partner on the evaluation day. */
    public record TierExplanation(String code, String name, CheckResult promoteWhen, CheckResult keepWhen) {

        public TierExplanation {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(promoteWhen, "promoteWhen");
            Objects.requireNonNull(keepWhen, "keepWhen");
        }
    }
}
