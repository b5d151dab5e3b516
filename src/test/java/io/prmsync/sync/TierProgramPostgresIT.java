package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.program.TierEvaluation;
import io.prmsync.support.EmbeddedPostgres;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class TierProgramPostgresIT extends TierProgramContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.register(registry, "tier_program");
    }

    @Autowired
    DataSource store;

    /**
     * Another node's evaluation is a transaction holding the tier evaluation's row ({@code cluster_task}); this
     * node's evaluation reads its partners only once that one committed, so it never decides from the standings the
     * other replaced.
     */
    @Test
    void anEvaluationWaitsUntilAnotherNodesEvaluationHasCommitted() throws Exception {
        salesforce.org().insert("Account", partner(tag + " contended", "P-" + tag));
        sync.settle(FLOW);
        winDeal("P-" + tag, 60000);

        CompletableFuture<TierChanges> evaluation;
        try (Connection otherNode = store.getConnection()) {
            otherNode.setAutoCommit(false);
            try (var hold = otherNode.createStatement()) {
                hold.executeUpdate("UPDATE cluster_task SET name = name WHERE name = '" + TierEvaluation.TASK + "'");
            }
            evaluation = CompletableFuture.supplyAsync(
                    () -> tierEvaluation.evaluatePartners(List.of("P-" + tag), TierEvaluation.RowStamp.MOVE));
            Thread.sleep(1_000);
            assertThat(evaluation).as("waiting for the other node's commit").isNotDone();
            otherNode.commit();
        }

        evaluation.get(30, TimeUnit.SECONDS);
        assertThat(tierOf("P-" + tag)).isEqualTo("REGISTERED");
    }
}
