package io.prmsync.support;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh in-memory H2 PRM store with every migration applied, for tests that need the schema but no Spring. */
public final class MigratedStore {

    private MigratedStore() {}

    public static DataSource create(String name) {
        // Tests hold a row lock on purpose while another connection waits: H2's 2 s default could end that wait
        // on a loaded machine.
        DataSource store = new DriverManagerDataSource(
                "jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000");
        Flyway.configure().dataSource(store).load().migrate();
        return store;
    }
}
