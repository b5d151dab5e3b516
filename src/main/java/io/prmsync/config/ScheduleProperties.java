package io.prmsync.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timing shared by the schedules, under {@code prm-sync.schedule}; each flow's own period is in
 * {@link FlowProperties}.
 *
 * @param firstRunDelay how long after start-up the first scheduled runs wait
 * @param tierEvaluation how often every partner's tier is evaluated, once across all nodes on the store
 */
@ConfigurationProperties("prm-sync.schedule")
public record ScheduleProperties(
        @DefaultValue("5s") Duration firstRunDelay,
        @DefaultValue("1h") Duration tierEvaluation) {

    public ScheduleProperties {
        if (firstRunDelay.isNegative()) {
            throw new IllegalArgumentException(
                    "prm-sync.schedule.first-run-delay must not be negative, was " + firstRunDelay);
        }
        // Zero would evaluate every partner at every tick of the timer.
        if (tierEvaluation.isNegative() || tierEvaluation.isZero()) {
            throw new IllegalArgumentException(
                    "prm-sync.schedule.tier-evaluation must be positive, was " + tierEvaluation);
        }
    }
}
