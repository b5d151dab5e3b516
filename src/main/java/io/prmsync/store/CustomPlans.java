package io.prmsync.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Has PostgreSQL plan each statement of the current transaction for its parameters and the tables as they are now.
 * A statement run five times in a session otherwise gets a generic plan that is kept; the tier evaluation after a
 * first sync fills the engagement ledger while it reads it, and a plan made while the ledger was nearly empty scanned
 * it whole for every chunk of partners (the benchmark's set evaluation: 54 s on PostgreSQL, 14 s on H2). The
 * setting ends with the transaction: the flows' batched writes keep their generic plans, which are right for them
 * and cheaper than planning every row (set for the whole session, it made the inbound flows a third slower).
 */
@Component
public class CustomPlans {

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    public CustomPlans(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.postgres = isPostgres(jdbc);
    }

    /** Call inside the transaction; nothing happens on H2, which plans every statement for its values anyway. */
    public void forThisTransaction() {
        if (postgres) {
            jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
        }
    }

    private static boolean isPostgres(JdbcTemplate jdbc) {
        try (Connection connection =
                Objects.requireNonNull(jdbc.getDataSource()).getConnection()) {
            return connection.getMetaData().getDatabaseProductName().contains("PostgreSQL");
        } catch (SQLException e) {
            throw new IllegalStateException("The PRM store cannot be reached: " + e.getMessage(), e);
        }
    }
}
