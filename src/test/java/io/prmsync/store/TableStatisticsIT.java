package io.prmsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.support.EmbeddedPostgres;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Planner statistics after a large run, on the PostgreSQL that production uses. */
class TableStatisticsIT {

    private JdbcTemplate jdbc;

    @BeforeEach
    void freshlyLoadedTable() {
        jdbc = new JdbcTemplate(new DriverManagerDataSource(
                EmbeddedPostgres.jdbcUrl("table_statistics"), EmbeddedPostgres.USER, EmbeddedPostgres.USER));
        jdbc.execute("DROP TABLE IF EXISTS loaded");
        // Autovacuum off, so only the service can have analysed it.
        jdbc.execute("CREATE TABLE loaded (id INT PRIMARY KEY) WITH (autovacuum_enabled = false)");
        jdbc.execute("INSERT INTO loaded SELECT generate_series(1, 5000)");
    }

    @Test
    void aRunThatWroteManyRowsRefreshesTheStatisticsTheNextQueriesArePlannedWith() {
        assertThat(plannedRows())
                .as("a freshly loaded table, as the planner sees it")
                .isLessThan(1);

        new TableStatistics(jdbc).afterWriting(List.of("loaded"), TableStatistics.ROWS_WORTH_A_FRESH_LOOK);

        assertThat(plannedRows()).isEqualTo(5000);
    }

    @Test
    void aRunThatWroteFewRowsLeavesThemToAutovacuum() {
        new TableStatistics(jdbc).afterWriting(List.of("loaded"), TableStatistics.ROWS_WORTH_A_FRESH_LOOK - 1);

        assertThat(plannedRows()).isLessThan(1);
    }

    @Test
    void aTableTheStoreUserCannotAnalyseNeverFailsTheRun() {
        new TableStatistics(jdbc).afterWriting(List.of("no_such_table", "loaded"), 5000);

        assertThat(plannedRows()).as("the next table is still analysed").isEqualTo(5000);
    }

    private float plannedRows() {
        return jdbc.queryForObject("SELECT reltuples FROM pg_class WHERE relname = 'loaded'", Float.class);
    }
}
