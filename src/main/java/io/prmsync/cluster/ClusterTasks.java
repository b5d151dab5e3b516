package io.prmsync.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work that is not a flow but must not run on two nodes at once, or should run once per period across the nodes
 * rather than once per node (the tier evaluation): a row per task in {@code cluster_task}. Unlike a flow's lease,
 * nothing is held between transactions, so a node that dies leaves nothing to expire.
 */
@Repository
public class ClusterTasks {

    /** When a period's run last began, on which node, and when one last ended. */
    public record LastRun(Instant startedAt, String startedBy, Optional<Instant> finishedAt) {}

    private final JdbcClient jdbc;
    private final NodeIdentity node;
    private final Clock clock;

    ClusterTasks(JdbcClient jdbc, NodeIdentity node, Clock clock) {
        this.jdbc = jdbc;
        this.node = node;
        this.clock = clock;
    }

    /**
     * Inside a transaction: locks the task's row until the transaction ends, so the same task's transaction on any
     * other node waits for this one to commit or roll back. A node that stalls meanwhile cannot keep the others
     * waiting: PostgreSQL ends its session once idle in the transaction for a lease's length ({@link
     * StalledSessions}), and the nodes' {@link StalledSessionReaper} ends it when it stopped half-way through a
     * statement.
     */
    public void holdUntilCommit(String task) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Holding " + task + " until commit needs a transaction");
        }
        // An update locks the row on H2 and PostgreSQL alike; it changes nothing. The row comes with the migration
        // that brought the task: inserted here, two nodes' first transactions could both insert it, and on
        // PostgreSQL the loser's whole transaction would be lost to the duplicate key.
        if (jdbc.sql("UPDATE cluster_task SET name = name WHERE name = :task")
                        .param("task", task)
                        .update()
                == 0) {
            throw new IllegalStateException("Task " + task + " has no row in cluster_task; a migration adds it");
        }
    }

    /**
     * Claims this period's run of a scheduled task, unless some node began one less than {@code period} ago. A
     * tenth of the period is forgiven, so timers that fire a little early on a node still find their task due. One
     * statement checks and claims, so two nodes asking at once cannot both win.
     */
    public boolean claimIfDue(String task, Duration period) {
        ensureRow(task);
        Instant now = clock.instant();
        Instant dueAfter = now.minus(period.minus(period.dividedBy(10)));
        return jdbc.sql("UPDATE cluster_task SET last_started_at = :now, last_started_by = :node"
                                + " WHERE name = :task AND (last_started_at IS NULL OR last_started_at <= :dueAfter)")
                        .param("now", at(now))
                        .param("node", node.id())
                        .param("task", task)
                        .param("dueAfter", at(dueAfter))
                        .update()
                == 1;
    }

    /** Records that a run of the task ended (having done all it could; failures are the task's to log). */
    public void finished(String task) {
        jdbc.sql("UPDATE cluster_task SET last_finished_at = :now WHERE name = :task")
                .param("now", at(clock.instant()))
                .param("task", task)
                .update();
    }

    public Optional<LastRun> lastRun(String task) {
        return jdbc.sql("SELECT last_started_at, last_started_by, last_finished_at FROM cluster_task"
                        + " WHERE name = :task AND last_started_at IS NOT NULL")
                .param("task", task)
                .query((row, i) -> new LastRun(
                        row.getObject("last_started_at", OffsetDateTime.class).toInstant(),
                        row.getString("last_started_by"),
                        Optional.ofNullable(row.getObject("last_finished_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant)))
                .optional();
    }

    private void ensureRow(String task) {
        RowsInsertedOnce.ensure(jdbc, "cluster_task", "name", task, "INSERT INTO cluster_task (name) VALUES (:key)");
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
