package io.prmsync.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ends the PostgreSQL session of a node that stalled (a long collection pause, a frozen VM, SIGSTOP) inside a
 * transaction while other sessions wait for its locks: a commit's fence on a flow's lease row, the tier
 * evaluation's task row, the rows it was writing.
 *
 * <p>PostgreSQL ends a session idle inside a transaction by itself ({@link StalledSessions}), but only one that
 * finished a statement: a node that stopped half-way through sending a statement batch leaves its session "active",
 * reading the rest from its client, and one that stopped while reading a result leaves it "active", writing to its
 * client. Neither ever times out, and a node taking the stalled node's flow over waited behind its locks until it
 * woke. So every node looks, every third of a lease, for sessions of this store's user that have waited on their
 * client inside a transaction for longer than a lease while another session waits for one of their locks, and ends
 * them. Ending one rolls its transaction back; the stalled node, woken, finds its connection closed and keeps
 * nothing (its lease has run out by then, so its next commit would have been refused anyway). A healthy node's
 * session waits on its client for milliseconds at a time, never for a lease.
 */
@Component
class StalledSessionReaper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StalledSessionReaper.class);

    private static final String STALLED_BLOCKERS = "SELECT DISTINCT held.pid, held.state_change::text AS since"
            + " FROM pg_stat_activity waiting"
            + " CROSS JOIN LATERAL unnest(pg_blocking_pids(waiting.pid)) AS blocker(pid)"
            + " JOIN pg_stat_activity held ON held.pid = blocker.pid"
            + " WHERE waiting.wait_event_type = 'Lock'"
            + " AND held.state = 'active' AND held.wait_event_type = 'Client' AND held.xact_start IS NOT NULL"
            + " AND held.state_change < clock_timestamp() - make_interval(secs => :stalledFor)"
            + " AND held.datname = current_database() AND held.usename = current_user";

    private final JdbcClient jdbc;
    private final double stalledForSeconds;
    private final ScheduledExecutorService schedule;

    StalledSessionReaper(JdbcClient jdbc, DataSource dataSource, ClusterProperties properties) {
        this.jdbc = jdbc;
        this.stalledForSeconds = properties.leaseDuration().toMillis() / 1000.0;
        if (isPostgres(dataSource)) {
            schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "stalled-session-reaper");
                thread.setDaemon(true);
                return thread;
            });
            long every = Math.max(properties.leaseDuration().toMillis() / 3, 1000);
            schedule.scheduleWithFixedDelay(this::reapQuietly, every, every, TimeUnit.MILLISECONDS);
        } else {
            // H2 lives in one process: a session cannot stall apart from the node that waits for it.
            schedule = null;
        }
    }

    /** Ends every stalled session another one waits for; answers their process ids. */
    List<Integer> reap() {
        record Stalled(int pid, String since) {}
        List<Stalled> stalled = jdbc.sql(STALLED_BLOCKERS)
                .param("stalledFor", stalledForSeconds)
                .query((row, n) -> new Stalled(row.getInt("pid"), row.getString("since")))
                .list();
        for (Stalled session : stalled) {
            jdbc.sql("SELECT pg_terminate_backend(:pid)")
                    .param("pid", session.pid())
                    .query(Boolean.class)
                    .single();
            log.warn(
                    "Ended store session {}: it had waited on its node inside a transaction since {} (the node"
                            + " stalled) while other sessions waited for its locks; its transaction is rolled back",
                    session.pid(),
                    session.since());
        }
        return stalled.stream().map(Stalled::pid).toList();
    }

    private void reapQuietly() {
        try {
            reap();
        } catch (RuntimeException notNow) {
            // The store away, say: the next look tries again.
            log.debug("Looking for stalled store sessions failed this time: {}", notNow.toString());
        }
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().contains("PostgreSQL");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database the store is: " + e.getMessage(), e);
        }
    }
}
