package io.prmsync.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which database the PRM store is, told once at start-up: H2 (the embedded default) or PostgreSQL (production).
 * The few places that write a statement or size a lookup per database ask here.
 */
@Component
public class StoreKind {

    private final String product;

    @Autowired
    StoreKind(DataSource dataSource) {
        this(productOf(dataSource));
    }

    private StoreKind(String product) {
        this.product = product;
    }

    /** The kind of the store behind this data source; it must be reachable. */
    public static StoreKind of(DataSource dataSource) {
        return new StoreKind(productOf(dataSource));
    }

    public boolean isPostgres() {
        return product.contains("PostgreSQL");
    }

    public boolean isH2() {
        return product.equals("H2");
    }

    @Override
    public String toString() {
        return product;
    }

    private static String productOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("The PRM store cannot be reached: " + e.getMessage(), e);
        }
    }
}
