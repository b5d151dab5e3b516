package io.prmsync.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class TierChangeMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TierChangeMetrics metrics = new TierChangeMetrics(meters);
    private final List<TierMemberships.TierChange> changes = List.of(
            new TierMemberships.TierChange("P-1", "SILVER", "GOLD", "Promoted", "{}"),
            new TierMemberships.TierChange("P-2", "GOLD", "SILVER", "Demoted", "{}"),
            new TierMemberships.TierChange("P-3", "SILVER", "GOLD", "Promoted", "{}"));

    @AfterEach
    void endTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void everyKindOfDecisionIsThereAtZeroFromTheStart() {
        assertThat(meters.get(TierChangeMetrics.TIER_CHANGES).counters())
                .hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
    }

    @Test
    void changesCountOnceTheirTransactionCommits() {
        TransactionSynchronizationManager.initSynchronization();
        metrics.recorded(changes);
        assertThat(count("Promoted")).as("before the commit").isZero();

        TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);

        assertThat(count("Promoted")).isEqualTo(2);
        assertThat(count("Demoted")).isEqualTo(1);
    }

    @Test
    void changesOfATransactionThatRollsBackAreNotCounted() {
        TransactionSynchronizationManager.initSynchronization();
        metrics.recorded(changes);

        TransactionSynchronizationManager.getSynchronizations()
                .forEach(sync -> sync.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));

        assertThat(count("Promoted")).isZero();
        assertThat(count("Demoted")).isZero();
    }

    private double count(String kind) {
        return meters.get(TierChangeMetrics.TIER_CHANGES)
                .tag("kind", kind)
                .counter()
                .count();
    }
}
