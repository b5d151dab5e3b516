package io.prmsync.store;

import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refreshes PostgreSQL's planner statistics of the tables a large run just filled. Autovacuum analyses a table
 * only some time after it grew, and until then the planner believes a freshly loaded table is nearly empty: the
 * tier evaluation after a first full sync then scanned all 40,000 certifications for every 500 partners (a
 * sequential scan instead of the partner index; the benchmark's certifications ran ten times slower than on H2).
 * H2 keeps its own statistics as rows change; nothing is done there.
 */
@Component
public class TableStatistics {

    /** Fewer rows written than this leave the statistics to autovacuum. */
    public static final long ROWS_WORTH_A_FRESH_LOOK = 1_000;

    private static final Logger log = LoggerFactory.getLogger(TableStatistics.class);

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    @Autowired
    public TableStatistics(JdbcTemplate jdbc, StoreKind store) {
        this.jdbc = jdbc;
        this.postgres = store.isPostgres();
    }

    public TableStatistics(JdbcTemplate jdbc) {
        this(jdbc, StoreKind.of(Objects.requireNonNull(jdbc.getDataSource())));
    }

    /**
     * After a run wrote {@code rows} rows into {@code tables} (names from validated mappings and the store's own
     * tables). A store user that does not own a table gets a warning from PostgreSQL and no new statistics; the
     * run is never failed by it.
     */
    public void afterWriting(List<String> tables, long rows) {
        if (!postgres || rows < ROWS_WORTH_A_FRESH_LOOK) {
            return;
        }
        for (String table : tables) {
            try {
                jdbc.execute("ANALYZE " + table);
            } catch (DataAccessException e) {
                log.warn("Statistics of {} could not be refreshed after {} rows: {}", table, rows, e.getMessage());
            }
        }
    }
}
