package io.prmsync.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SyncRunRepository {

    private final JdbcClient jdbc;

    SyncRunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void start(SyncRun run) {
        jdbc.sql("INSERT INTO sync_run (run_id, flow, direction, mode, state, started_at, node_id)"
                        + " VALUES (:id, :flow, :direction, :mode, :state, :started, :node)")
                .param("id", run.runId())
                .param("flow", run.flow())
                .param("direction", run.direction().name())
                .param("mode", run.mode())
                .param("state", run.state())
                .param("started", run.startedAt().atOffset(ZoneOffset.UTC))
                .param("node", run.node())
                .update();
    }

    /** Writes the run's counters and state; called after every page, so progress is visible while it runs. */
    public void update(SyncRun run) {
        jdbc.sql("UPDATE sync_run SET state = :state, finished_at = :finished, records_done = :done,"
                        + " records_total = :total, records_changed = :changed, records_failed = :failed,"
                        + " api_calls = :calls, message = :message WHERE run_id = :id")
                .param("state", run.state())
                .param(
                        "finished",
                        run.finishedAt() == null ? null : run.finishedAt().atOffset(ZoneOffset.UTC))
                .param("done", run.recordsDone())
                .param("total", run.recordsTotal())
                .param("changed", run.recordsChanged())
                .param("failed", run.recordsFailed())
                .param("calls", run.apiCalls())
                .param("message", DeadLetterRepository.clip(run.message()))
                .param("id", run.runId())
                .update();
    }

    public Optional<SyncRun> find(String runId) {
        return jdbc.sql("SELECT * FROM sync_run WHERE run_id = :id")
                .param("id", runId)
                .query((rs, n) -> map(rs))
                .optional();
    }

    public Optional<SyncRun> latest(String flow, Direction direction) {
        return jdbc.sql("SELECT * FROM sync_run WHERE flow = :flow AND direction = :direction"
                        + " ORDER BY started_at DESC FETCH FIRST 1 ROWS ONLY")
                .param("flow", flow)
                .param("direction", direction.name())
                .query((rs, n) -> map(rs))
                .optional();
    }

    /** Runs newest first, of one flow and one direction when they are given; {@code page} counts from 0. */
    public List<SyncRun> page(Optional<String> flow, Optional<Direction> direction, int page, int size) {
        StringBuilder sql = new StringBuilder("SELECT * FROM sync_run WHERE 1 = 1");
        flow.ifPresent(f -> sql.append(" AND flow = :flow"));
        direction.ifPresent(d -> sql.append(" AND direction = :direction"));
        sql.append(" ORDER BY started_at DESC, run_id OFFSET ")
                .append((long) page * size)
                .append(" ROWS FETCH FIRST ")
                .append(size)
                .append(" ROWS ONLY");
        JdbcClient.StatementSpec query = jdbc.sql(sql.toString());
        if (flow.isPresent()) {
            query = query.param("flow", flow.get());
        }
        if (direction.isPresent()) {
            query = query.param("direction", direction.get().name());
        }
        return query.query((rs, n) -> map(rs)).list();
    }

    /** Records successfully synced by all finished runs of a flow. */
    public long totalChanged(String flow, Direction direction) {
        return jdbc.sql("SELECT COALESCE(SUM(records_changed), 0) FROM sync_run WHERE flow = :flow"
                        + " AND direction = :direction")
                .param("flow", flow)
                .param("direction", direction.name())
                .query(Long.class)
                .single();
    }

    private static SyncRun map(ResultSet rs) throws SQLException {
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new SyncRun(
                rs.getString("run_id"),
                rs.getString("flow"),
                Direction.valueOf(rs.getString("direction")),
                rs.getString("mode"),
                rs.getString("state"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                toInstant(finished),
                rs.getLong("records_done"),
                rs.getObject("records_total", Long.class),
                rs.getLong("records_changed"),
                rs.getLong("records_failed"),
                rs.getLong("api_calls"),
                rs.getString("message"),
                rs.getString("node_id"));
    }

    private static Instant toInstant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
