package io.prmsync.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the {@code sync_run} table says about runs, for tests that ask which kind of run brought a record. */
public final class SyncRunRows {

    private final JdbcClient jdbc;

    public SyncRunRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean finished(String runId) {
        return jdbc.sql("SELECT COUNT(*) FROM sync_run WHERE run_id = :id AND finished_at IS NOT NULL")
                        .param("id", runId)
                        .query(Integer.class)
                        .single()
                == 1;
    }

    /** The modes (INCREMENTAL, FULL, RECORDS) of the flow's inbound runs started since then. */
    public List<String> inboundModesSince(String flow, Instant since) {
        return jdbc.sql("SELECT DISTINCT UPPER(mode) FROM sync_run WHERE flow = :flow AND direction = 'INBOUND'"
                        + " AND started_at >= :start")
                .param("flow", flow)
                .param("start", since.atOffset(ZoneOffset.UTC))
                .query(String.class)
                .list();
    }
}
