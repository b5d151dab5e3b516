package io.prmsync.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How nodes sharing one store take turns, under {@code prm-sync.cluster}.
 *
 * @param leaseDuration how long a flow's lease lasts without renewal: a node that dies holding a flow leaves it to
 *     the others after this; the holder renews it every third of it while its run lasts
 * @param leasePoll how often a node waiting for a flow held elsewhere asks again
 * @param sharedStateRefresh how long a node trusts its copy of what other nodes share through the store (throttle
 *     pauses, the API budget reading) before it reads it again
 * @param rebalanceEvery with a coordinator, how often a node leading more than its share of the flows steps back from
 *     one (and joins again the elections it dropped out of); 0 never
 */
@ConfigurationProperties("prm-sync.cluster")
public record ClusterProperties(
        @DefaultValue("PT30S") Duration leaseDuration,
        @DefaultValue("PT0.5S") Duration leasePoll,
        @DefaultValue("PT5S") Duration sharedStateRefresh,
        @DefaultValue("PT10S") Duration rebalanceEvery) {

    public ClusterProperties {
        if (leaseDuration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "prm-sync.cluster.lease-duration must be at least 1s, was " + leaseDuration);
        }
        if (leasePoll.isNegative() || leasePoll.isZero()) {
            throw new IllegalArgumentException("prm-sync.cluster.lease-poll must be positive, was " + leasePoll);
        }
        if (rebalanceEvery.isNegative()) {
            throw new IllegalArgumentException(
                    "prm-sync.cluster.rebalance-every must not be negative, was " + rebalanceEvery);
        }
        if (sharedStateRefresh.isNegative()) {
            throw new IllegalArgumentException(
                    "prm-sync.cluster.shared-state-refresh must not be negative, was " + sharedStateRefresh);
        }
    }
}
