package io.prmsync.tier;

import java.time.Period;
import java.util.Objects;

/**
 * One level of the program. {@code gracePeriod} is how long a partner keeps this tier after it stops meeting
 * {@code keepWhen}; zero means it drops at the first evaluation that finds it short.
 */
public record Tier(String code, String name, Criterion promoteWhen, Criterion keepWhen, Period gracePeriod) {

    public Tier {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(promoteWhen, "promoteWhen");
        Objects.requireNonNull(keepWhen, "keepWhen");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("grace period of " + code + " is negative: " + gracePeriod);
        }
    }

    /** The lowest tier, which every partner holds and nobody can lose. */
    public static Tier entry(String code, String name) {
        return new Tier(code, name, new Criterion.Everyone(), new Criterion.Everyone(), Period.ZERO);
    }
}
