package io.prmsync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.test.context.DynamicPropertyRegistry;

/** One embedded PostgreSQL server for the whole test JVM, stopped when the JVM exits. */
public final class EmbeddedPostgres {

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    /** User and password of the embedded server. */
    public static final String USER = "postgres";

    private EmbeddedPostgres() {}

    /** The command-line arguments that log a service process in to the embedded server. */
    public static List<String> serviceCredentials() {
        return List.of("--spring.datasource.username=" + USER, "--spring.datasource.password=" + USER);
    }

    /** A connection of this process to a database made by {@link #jdbcUrl}. */
    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, USER, USER);
    }

    /**
     * Points a sandbox-profile context at a database on the server. The sandbox refuses any store but embedded H2
     * unless asked, so this asks: the tests that run the contracts on PostgreSQL do want the simulator on it.
     */
    public static synchronized void register(DynamicPropertyRegistry registry, String database) {
        String url = jdbcUrl(database);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> USER);
        registry.add("prm-sync.sandbox.allow-external-store", () -> "true");
    }

    /**
     * The URL of a database of that name on the JVM's one server (started and the database created on first use),
     * with what production is told to use (README): batches of inserts sent as multi-row statements.
     */
    public static synchronized String jdbcUrl(String database) {
        if (server == null) {
            try {
                // Its own hook would stop the server as the JVM begins to exit, while Spring still closes the
                // contexts using it: their timers' queries then wait out the pool's 30 s connection timeout and
                // surefire kills the fork. The hook below stops it after them.
                server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .setRegisterShutdownHook(false)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
            }
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres started = server;
            // Stopped by Spring's own shutdown hook once it has closed every context (a JVM hook of ours would run
            // beside it, and could stop the server while the contexts' timers still query it).
            SpringApplication.getShutdownHandlers().add(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away; nothing more to do
                }
            });
        }
        try (var connection = server.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + database + "\"");
        } catch (java.sql.SQLException e) {
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot create test database " + database, e);
            }
        }
        String url = server.getJdbcUrl(USER, database);
        return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    /**
     * Drops a database made by {@link #jdbcUrl}, closing whatever connections are still open to it: a harness that
     * fills a large database per measurement frees the disk before the next one rather than at the JVM's exit.
     */
    public static synchronized void drop(String database) {
        if (server == null) {
            return;
        }
        try (var connection = server.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot drop test database " + database, e);
        }
    }
}
