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
        SingleConnectionDataSource store = new SingleConnectionDataSource(
                EmbeddedPostgres.jdbcUrl("custom_plans"), EmbeddedPostgres.USER, EmbeddedPostgres.USER, true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(store);
            CustomPlans plans = new CustomPlans(jdbc);
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(store));

            String inside = transaction.execute(tx -> {
                plans.forThisTransaction();
                return planCacheMode(jdbc);
            });

            assertThat(inside).isEqualTo("force_custom_plan");
            assertThat(planCacheMode(jdbc)).as("after the commit").isEqualTo("auto");
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

        assertThatCode(plans::forThisTransaction).doesNotThrowAnyException();
    }

    private static String planCacheMode(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SHOW plan_cache_mode", String.class);
    }
}
