package io.prmsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.prmsync.support.EmbeddedPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** Custom plans for the statements of one transaction, on the PostgreSQL that production uses. */
class CustomPlansIT {

    @Test
    void onPostgresqlTheTransactionsStatementsArePlannedForTheirParametersAndTheSessionKeepsItsDefault() {
        onPostgresql((jdbc, plans, transaction) -> {
            String inside = transaction.execute(tx -> {
                plans.forThisTransaction();
                return planCacheMode(jdbc);
            });

            assertThat(inside).isEqualTo("force_custom_plan");
            assertThat(planCacheMode(jdbc)).as("after the commit").isEqualTo("auto");
        });
    }

    @Test
    void batchedWritesRunOnTheUsualPlansAndTheStatementsAfterThemArePlannedForTheirParametersAgain() {
        onPostgresql((jdbc, plans, transaction) -> {
            java.util.List<String> seen = new java.util.ArrayList<>();

            transaction.executeWithoutResult(tx -> {
                plans.forThisTransaction();
                plans.batchedWrites(() -> seen.add(planCacheMode(jdbc)));
                seen.add(planCacheMode(jdbc));
            });

            assertThat(seen).containsExactly("auto", "force_custom_plan");
            assertThat(planCacheMode(jdbc)).as("after the commit").isEqualTo("auto");
        });
    }

    private interface OnPostgresql {
        void run(JdbcTemplate jdbc, CustomPlans plans, TransactionTemplate transaction);
    }

    /** One session throughout, so what a statement sets is what the next one sees. */
    private static void onPostgresql(OnPostgresql test) {
        SingleConnectionDataSource store = new SingleConnectionDataSource(
                EmbeddedPostgres.jdbcUrl("custom_plans"), EmbeddedPostgres.USER, EmbeddedPostgres.USER, true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(store);
            test.run(jdbc, new CustomPlans(jdbc), new TransactionTemplate(new DataSourceTransactionManager(store)));
        } finally {
            store.destroy();
        }
    }

    /** H2 has no such setting and would refuse the statement. */
    @Test
    void onH2NothingIsSet() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:custom-plans");
        CustomPlans plans = new CustomPlans(new JdbcTemplate(h2));
        java.util.concurrent.atomic.AtomicBoolean written = new java.util.concurrent.atomic.AtomicBoolean();

        assertThatCode(plans::forThisTransaction).doesNotThrowAnyException();
        assertThatCode(() -> plans.batchedWrites(() -> written.set(true))).doesNotThrowAnyException();
        assertThat(written).isTrue();
    }

    private static String planCacheMode(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SHOW plan_cache_mode", String.class);
    }
}
