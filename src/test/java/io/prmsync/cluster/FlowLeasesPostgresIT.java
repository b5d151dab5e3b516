package io.prmsync.cluster;

import io.prmsync.support.EmbeddedPostgres;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class FlowLeasesPostgresIT extends FlowLeasesContract {

    private static DataSource store;

    @Override
    DataSource store() {
        if (store == null) {
            store = new DriverManagerDataSource(
                    EmbeddedPostgres.jdbcUrl("flow_leases"), EmbeddedPostgres.USER, EmbeddedPostgres.USER);
            Flyway.configure().dataSource(store).load().migrate();
        }
        return store;
    }
}
