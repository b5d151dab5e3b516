package io.prmsync.tier;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a partner stands in the program before or after an evaluation.
 *
 * <p>{@code tier} is the tier the rules manage; an active {@code override} is laid on top of it without
 * replacing it, so the partner falls back to its own tier once the override expires. {@code graceUntil} is
 * the first day on which the partner may lose {@code tier}: the grace period covers the days before it.
 * {@code pendingTier} is a demotion waiting for an admin's approval.
 */
public record TierStanding(
        Optional<String> tier,
        Optional<LocalDate> since,
        Optional<LocalDate> graceUntil,
        Optional<String> pendingTier,
        Optional<ManualOverride> override) {

    public TierStanding {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(graceUntil, "graceUntil");
        Objects.requireNonNull(pendingTier, "pendingTier");
        Objects.requireNonNull(override, "override");
    }

    /** A manual tier set by a channel manager, honoured through {@code expiresOn} inclusive. */
    public record ManualOverride(String tier, LocalDate expiresOn) {

        public ManualOverride {
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(expiresOn, "expiresOn");
        }

        public boolean isActiveOn(LocalDate day) {
            return !day.isAfter(expiresOn);
        }
    }

    /** A partner the engine has never placed. */
    public static TierStanding none() {
        return new TierStanding(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static TierStanding of(String tier, LocalDate since) {
        return new TierStanding(
                Optional.of(tier), Optional.of(since), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The tier the partner holds on {@code day}: an active override, otherwise its own tier. */
    public Optional<String> effectiveTier(LocalDate day) {
        return override.filter(o -> o.isActiveOn(day)).map(ManualOverride::tier).or(() -> tier);
    }

    public TierStanding withGraceUntil(LocalDate day) {
        return new TierStanding(tier, since, Optional.of(day), pendingTier, override);
    }

    public TierStanding withPendingTier(String pending) {
        return new TierStanding(tier, since, graceUntil, Optional.of(pending), override);
    }

    public TierStanding withOverride(ManualOverride manual) {
        return new TierStanding(tier, since, graceUntil, pendingTier, Optional.of(manual));
    }

    public TierStanding withoutOverride() {
        return new TierStanding(tier, since, graceUntil, pendingTier, Optional.empty());
    }

    /** Keeps the tier and any override, forgetting grace and pending demotion. */
    public TierStanding settled() {
        return new TierStanding(tier, since, Optional.empty(), Optional.empty(), override);
    }

    /** Moves to {@code newTier} from {@code day}, which ends any grace or pending demotion. */
    public TierStanding movedTo(String newTier, LocalDate day) {
        return new TierStanding(Optional.of(newTier), Optional.of(day), Optional.empty(), Optional.empty(), override);
    }
}
