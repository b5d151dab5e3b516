package io.prmsync.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Dead letters; a record failing again while its letter is open adds an attempt instead of a second letter. */
@Repository
public class DeadLetterRepository {

    private static final int MESSAGE_LIMIT = 4000;

    private final JdbcClient jdbc;

    private final InLists inLists;

    DeadLetterRepository(JdbcClient jdbc, InLists inLists) {
        this.inLists = inLists;
        this.jdbc = jdbc;
    }

    public void add(DeadLetter letter, Instant now) {
        Map<String, Object> params = Map.of(
                "flow",
                letter.flow(),
                "direction",
                letter.direction().name(),
                "key",
                letter.recordKey(),
                "code",
                letter.errorCode(),
                "message",
                clip(letter.errorMessage()),
                "payload",
                letter.payload() == null ? "" : letter.payload(),
                "now",
                now.atOffset(ZoneOffset.UTC));
        int updated = jdbc.sql("UPDATE dead_letter SET attempts = attempts + 1, last_failed_at = :now,"
                        + " error_code = :code, error_message = :message, payload = :payload"
                        + " WHERE flow = :flow AND direction = :direction AND record_key = :key AND status = 'OPEN'")
                .params(params)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO dead_letter (flow, direction, record_key, payload, error_code, error_message,"
                            + " first_failed_at, last_failed_at) VALUES (:flow, :direction, :key, :payload, :code,"
                            + " :message, :now, :now)")
                    .params(params)
                    .update();
        }
    }

    /** Closes the open letters of records that have since synced. */
    public void resolve(String flow, Direction direction, Collection<String> recordKeys, Instant now) {
        if (recordKeys.isEmpty()) {
            return;
        }
        for (List<String> keys : inLists.of(recordKeys)) {
            jdbc.sql("UPDATE dead_letter SET status = 'RESOLVED', resolved_at = :now WHERE flow = :flow"
                            + " AND direction = :direction AND status = 'OPEN' AND record_key IN (:keys)")
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .param("flow", flow)
                    .param("direction", direction.name())
                    .param("keys", keys)
                    .update();
        }
    }

    /** Record keys (PRM keys or Salesforce ids) with an open letter in the flow, either direction. */
    public List<String> openKeys(String flow) {
        return jdbc.sql("SELECT DISTINCT record_key FROM dead_letter WHERE flow = :flow AND status = 'OPEN'")
                .param("flow", flow)
                .query(String.class)
                .list();
    }

    /** Open dead letters of every flow and direction that has any. */
    public Map<FlowDirection, Long> countOpenByFlow() {
        Map<FlowDirection, Long> counts = new HashMap<>();
        jdbc.sql("SELECT flow, direction, COUNT(*) FROM dead_letter WHERE status = 'OPEN' GROUP BY flow, direction")
                .query(rs -> {
                    counts.put(new FlowDirection(rs.getString(1), Direction.valueOf(rs.getString(2))), rs.getLong(3));
                });
        return counts;
    }

    public long countOpen(String flow, Direction direction) {
        return jdbc.sql("SELECT COUNT(*) FROM dead_letter WHERE flow = :flow AND direction = :direction"
                        + " AND status = 'OPEN'")
                .param("flow", flow)
                .param("direction", direction.name())
                .query(Long.class)
                .single();
    }

    public List<DeadLetter.Stored> page(
            Optional<String> flow, Optional<String> errorCode, String status, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        params.put("status", status);
        flow.ifPresent(f -> params.put("flow", f));
        errorCode.ifPresent(c -> params.put("code", c));
        return jdbc.sql("SELECT * FROM dead_letter WHERE status = :status"
                        + (flow.isPresent() ? " AND flow = :flow" : "")
                        + (errorCode.isPresent() ? " AND error_code = :code" : "")
                        + " ORDER BY id OFFSET " + (long) page * size + " ROWS FETCH FIRST " + size + " ROWS ONLY")
                .params(params)
                .query((rs, n) -> map(rs))
                .list();
    }

    public Optional<DeadLetter.Stored> find(long id) {
        return jdbc.sql("SELECT * FROM dead_letter WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> map(rs))
                .optional();
    }

    private static DeadLetter.Stored map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DeadLetter.Stored(
                rs.getLong("id"),
                rs.getString("flow"),
                rs.getString("direction"),
                rs.getString("record_key"),
                rs.getString("error_code"),
                rs.getString("error_message"),
                rs.getInt("attempts"),
                rs.getObject("first_failed_at", java.time.OffsetDateTime.class).toInstant(),
                rs.getObject("last_failed_at", java.time.OffsetDateTime.class).toInstant(),
                rs.getString("status"),
                rs.getString("payload"));
    }

    static String clip(String message) {
        if (message == null) {
            return null;
        }
        return message.length() <= MESSAGE_LIMIT ? message : message.substring(0, MESSAGE_LIMIT);
    }
}
