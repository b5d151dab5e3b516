package io.prmsync.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Children parked until their parent is synced; parking again counts an attempt and keeps the first time. */
@Repository
public class ParkedRecordRepository {

    private final JdbcClient jdbc;

    private final InLists inLists;

    ParkedRecordRepository(JdbcClient jdbc, InLists inLists) {
        this.inLists = inLists;
        this.jdbc = jdbc;
    }

    public void park(
            String flow, Direction direction, String recordKey, String parentKey, String payload, Instant now) {
        int updated = jdbc.sql("UPDATE parked_record SET attempts = attempts + 1, parent_key = :parent,"
                        + " payload = :payload WHERE flow = :flow AND direction = :direction AND record_key = :key")
                .param("parent", parentKey)
                .param("payload", payload)
                .param("flow", flow)
                .param("direction", direction.name())
                .param("key", recordKey)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO parked_record (flow, direction, record_key, parent_key, payload, parked_at)"
                            + " VALUES (:flow, :direction, :key, :parent, :payload, :now)")
                    .param("flow", flow)
                    .param("direction", direction.name())
                    .param("key", recordKey)
                    .param("parent", parentKey)
                    .param("payload", payload)
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .update();
        }
    }

    /** Parked records of every flow and direction that has any. */
    public Map<FlowDirection, Long> countByFlow() {
        Map<FlowDirection, Long> counts = new HashMap<>();
        jdbc.sql("SELECT flow, direction, COUNT(*) FROM parked_record GROUP BY flow, direction")
                .query(rs -> {
                    counts.put(new FlowDirection(rs.getString(1), Direction.valueOf(rs.getString(2))), rs.getLong(3));
                });
        return counts;
    }

    /** Parked records of a flow after {@code afterKey} in key order, at most {@code limit}: one page of them. */
    public List<ParkedRecord> waiting(String flow, Direction direction, String afterKey, int limit) {
        return jdbc.sql("SELECT * FROM parked_record WHERE flow = :flow AND direction = :direction"
                        + " AND record_key > :after ORDER BY record_key FETCH FIRST " + limit + " ROWS ONLY")
                .param("flow", flow)
                .param("direction", direction.name())
                .param("after", afterKey)
                .query(ParkedRecordRepository::map)
                .list();
    }

    /** Removes and returns the records parked at or before {@code deadline}. */
    public List<ParkedRecord> takeExpired(String flow, Direction direction, Instant deadline) {
        List<ParkedRecord> expired = jdbc.sql("SELECT * FROM parked_record WHERE flow = :flow"
                        + " AND direction = :direction AND parked_at <= :deadline ORDER BY record_key")
                .param("flow", flow)
                .param("direction", direction.name())
                .param("deadline", deadline.atOffset(ZoneOffset.UTC))
                .query(ParkedRecordRepository::map)
                .list();
        release(flow, direction, expired.stream().map(ParkedRecord::recordKey).toList());
        return expired;
    }

    public void release(String flow, Direction direction, Collection<String> recordKeys) {
        if (recordKeys.isEmpty()) {
            return;
        }
        for (List<String> keys : inLists.of(recordKeys)) {
            jdbc.sql("DELETE FROM parked_record WHERE flow = :flow AND direction = :direction"
                            + " AND record_key IN (:keys)")
                    .param("flow", flow)
                    .param("direction", direction.name())
                    .param("keys", keys)
                    .update();
        }
    }

    private static ParkedRecord map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ParkedRecord(
                rs.getString("flow"),
                Direction.valueOf(rs.getString("direction")),
                rs.getString("record_key"),
                rs.getString("parent_key"),
                rs.getString("payload"),
                rs.getObject("parked_at", OffsetDateTime.class).toInstant(),
                rs.getInt("attempts"));
    }
}
