package io.prmsync.tier;

/** Whether a partner that has run out of grace drops at once or only when an admin approves. */
public enum DemotionMode {
    AUTOMATIC,
    /** The drop becomes {@link TierStanding#pendingTier()} until an admin approves or rejects it. */
    APPROVAL
}
