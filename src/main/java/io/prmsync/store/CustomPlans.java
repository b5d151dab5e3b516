package io.prmsync.store;

import java.util.Objects;
import org.springframework.beans.factory.annotation.Autowired;
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

    @Autowired
    public CustomPlans(JdbcTemplate jdbc, StoreKind store) {
        this.jdbc = jdbc;
        this.postgres = store.isPostgres();
    }

    public CustomPlans(JdbcTemplate jdbc) {
        this(jdbc, StoreKind.of(Objects.requireNonNull(jdbc.getDataSource())));
    }

    /**
     * Runs a transaction's batched row writes on the session's usual plans, then plans for parameters again. A
     * batch of single-row inserts and updates by key has one right plan whatever the values, and planning each of
     * its rows anew cost about half as much again as the writes themselves (20,000 rows: 1.4 s, 2.1 s with custom
     * plans, on the embedded PostgreSQL 14). Nothing happens on H2.
     */
    public void batchedWrites(Runnable writes) {
        if (!postgres) {
            writes.run();
            return;
        }
        jdbc.execute("SET LOCAL plan_cache_mode = auto");
        try {
            writes.run();
        } finally {
            jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
        }
    }

    /** Call inside the transaction; nothing happens on H2, which plans every statement for its values anyway. */
    public void forThisTransaction() {
        if (postgres) {
            jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
        }
    }
}
