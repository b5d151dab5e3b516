package io.prmsync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/** One embedded PostgreSQL server for the whole test JVM, stopped when the JVM exits. */
public final class EmbeddedPostgres {

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres() {}

    public static synchronized void register(DynamicPropertyRegistry registry, String database) {
        if (server == null) {
            try {
                server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
            }
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away; nothing more to do
                }
            }));
        }
        try (var connection = server.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + database + "\"");
        } catch (java.sql.SQLException e) {
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot create test database " + database, e);
            }
        }
        // As production is told to (README): the driver sends a batch of inserts as multi-row statements.
        String url = server.getJdbcUrl("postgres", database);
        registry.add(
                "spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
