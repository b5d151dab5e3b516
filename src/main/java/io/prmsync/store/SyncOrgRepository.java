package io.prmsync.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The org the store's sync state belongs to ({@code sync_org}), and starting over for another one. */
@Repository
public class SyncOrgRepository {

    /** What belongs to one org: positions in it, pairings with its ids, sweeps of it, records waiting for it. */
    private static final List<String> ORG_STATE =
            List.of("sync_watermark", "sync_record_state", "sync_sweep", "sync_sweep_live_id", "parked_record");

    private final JdbcClient jdbc;

    SyncOrgRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> recorded() {
        return jdbc.sql("SELECT org_id FROM sync_org").query(String.class).optional();
    }

    public void record(String orgId, Instant now) {
        jdbc.sql("INSERT INTO sync_org (org_id, recorded_at) VALUES (:id, :now)")
                .param("id", orgId)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Records the org unless another node recorded one first; answers the org the store now has. */
    public String recordFirst(String orgId, Instant now) {
        try {
            record(orgId, now);
            return orgId;
        } catch (org.springframework.dao.DuplicateKeyException anotherNodeWasFirst) {
            return recorded().orElseThrow(() -> anotherNodeWasFirst);
        }
    }

    /**
     * Forgets every watermark, pairing, sweep and parked record, and records the new org; call in a transaction.
     * PRM rows, dead letters, conflicts and run history stay.
     *
     * @return rows removed per table
     */
    public Map<String, Integer> startOver(String orgId, Instant now) {
        Map<String, Integer> removed = new LinkedHashMap<>();
        for (String table : ORG_STATE) {
            removed.put(table, jdbc.sql("DELETE FROM " + table).update());
        }
        jdbc.sql("DELETE FROM sync_org").update();
        record(orgId, now);
        return removed;
    }
}
