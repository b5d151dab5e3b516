package io.prmsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.support.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
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

    /**
     * Node A stops (SIGSTOP, a long pause) half-way through sending a commit's statement batch: its session is
     * "active", reading the rest from its client, so PostgreSQL's idle-in-transaction timeout never ends it, and it
     * holds the lease row its fence locked. Node B, taking the flow over after A's lease ran out, waits behind that
     * row until a node's reaper ends the stalled session.
     */
    @Test
    void aCommitStalledHalfWayThroughABatchHoldsTheFlowUntilTheReaperEndsIt() throws Exception {
        nodeA.acquire(flow, Duration.ZERO).orElseThrow();
        Properties stallable = new Properties();
        stallable.setProperty("user", EmbeddedPostgres.USER);
        stallable.setProperty("password", EmbeddedPostgres.USER);
        stallable.setProperty("socketFactory", StallingSocketFactory.class.getName());
        StalledSessionReaper reaper = null;
        try (Connection stalled = DriverManager.getConnection(EmbeddedPostgres.jdbcUrl("flow_leases"), stallable)) {
            int session = sessionOf(stalled);
            CompletableFuture<Throwable> commit = commitStallingHalfWay(stalled, "node-a");
            awaitSession(session, "active", "ClientRead");
            Thread.sleep(2_000);
            assertThat(state(session))
                    .as("past its 1 s idle-in-transaction timeout, and not ended by it")
                    .isEqualTo("active ClientRead");

            clock.advance(Duration.ofSeconds(31));
            CompletableFuture<Optional<FlowLease>> takeover =
                    CompletableFuture.supplyAsync(() -> nodeB.acquire(flow, Duration.ofSeconds(60)));
            Thread.sleep(2_000);
            assertThat(takeover).as("node B, behind the stalled commit's lock").isNotDone();

            reaper = new StalledSessionReaper(jdbc, store, reaperLooking(Duration.ofSeconds(1)));

            assertThat(takeover.get(30, TimeUnit.SECONDS))
                    .hasValueSatisfying(lease -> assertThat(lease.node()).isEqualTo("node-b"));
            StallingSocketFactory.resume();
            assertThat(commit.get(30, TimeUnit.SECONDS))
                    .as("the stalled commit, once its node woke")
                    .isNotNull();
            assertThat(count("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'stalled_batch'"))
                    .isZero();
        } finally {
            StallingSocketFactory.resume();
            if (reaper != null) {
                reaper.close();
            }
        }
    }

    /** A session busy in the store (not waiting on its node) is waited for, however long it holds its locks. */
    @Test
    void theReaperLeavesASessionThatIsBusyInTheStore() throws Exception {
        nodeA.acquire(flow, Duration.ZERO).orElseThrow();
        try (Connection busy = store.getConnection();
                StalledSessionReaper reaper = new StalledSessionReaper(jdbc, store, reaperLooking(Duration.ZERO))) {
            reaper.close();
            int session = sessionOf(busy);
            busy.setAutoCommit(false);
            fence(busy, "node-a");
            CompletableFuture<Throwable> sleeping = CompletableFuture.supplyAsync(() -> {
                try (Statement statement = busy.createStatement()) {
                    statement.execute("SELECT pg_sleep(600)");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            awaitSession(session, "active", "PgSleep");
            clock.advance(Duration.ofSeconds(31));
            CompletableFuture<Optional<FlowLease>> waiting =
                    CompletableFuture.supplyAsync(() -> nodeB.acquire(flow, Duration.ofSeconds(60)));
            Awaitility.await("node B to wait for the row")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> count("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") > 0);

            assertThat(reaper.reap()).isEmpty();

            try (Statement cancel = store.getConnection().createStatement()) {
                cancel.execute("SELECT pg_cancel_backend(" + session + ")");
            }
            assertThat(sleeping.get(30, TimeUnit.SECONDS)).hasMessageContaining("canceling statement");
            busy.rollback();
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isPresent();
        }
    }

    private static ClusterProperties reaperLooking(Duration stalledFor) {
        return new ClusterProperties(
                stalledFor.isZero() ? Duration.ofSeconds(1) : stalledFor,
                Duration.ofMillis(50),
                Duration.ZERO,
                Duration.ZERO);
    }

    /**
     * Fences a commit of the flow as {@code FlowLeases.confirm} does, then sends a batch of inserts that stops
     * half-way; completes with what ended the commit.
     */
    private CompletableFuture<Throwable> commitStallingHalfWay(Connection connection, String holder)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET idle_in_transaction_session_timeout = 1000");
        }
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE stalled_batch (n INTEGER)");
        }
        fence(connection, holder);
        StallingSocketFactory.stallAfter(16 * 1024);
        return CompletableFuture.supplyAsync(() -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO stalled_batch (n) VALUES (?)")) {
                for (int n = 0; n < 20_000; n++) {
                    insert.setInt(1, n);
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
                return null;
            } catch (SQLException | AssertionError e) {
                // AssertionError: the driver's own assertions (on in tests) trip over the closed connection.
                return e;
            }
        });
    }

    private void fence(Connection connection, String holder) throws SQLException {
        try (PreparedStatement fence =
                connection.prepareStatement("UPDATE flow_lease SET token = token WHERE flow = ? AND holder = ?")) {
            fence.setString(1, flow);
            fence.setString(2, holder);
            assertThat(fence.executeUpdate()).isEqualTo(1);
        }
    }

    private static int sessionOf(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void awaitSession(int session, String state, String waitEvent) {
        Awaitility.await("session " + session + " to be " + state + ", waiting on " + waitEvent)
                .atMost(Duration.ofSeconds(10))
                .until(() -> (state + " " + waitEvent).equals(state(session)));
    }

    private static String state(int session) throws SQLException {
        try (Connection other = store.getConnection();
                Statement look = other.createStatement();
                var rows = look.executeQuery("SELECT state, wait_event FROM pg_stat_activity WHERE pid = " + session)) {
            return rows.next() ? rows.getString(1) + " " + rows.getString(2) : "gone";
        }
    }

    private static long count(String query) throws SQLException {
        try (Connection other = store.getConnection();
                Statement look = other.createStatement();
                var rows = look.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
