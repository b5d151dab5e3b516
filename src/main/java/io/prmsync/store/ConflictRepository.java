package io.prmsync.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Fields both sides changed since the last sync, with both values and which one won. */
@Repository
public class ConflictRepository {

    private final JdbcClient jdbc;

    ConflictRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(
            String entity,
            String prmKey,
            String field,
            Object salesforceValue,
            Object prmValue,
            String winner,
            Instant now) {
        jdbc.sql("INSERT INTO sync_conflict (entity, prm_key, field, salesforce_value, prm_value, winner, detected_at)"
                        + " VALUES (:entity, :key, :field, :sf, :prm, :winner, :now)")
                .param("entity", entity)
                .param("key", prmKey)
                .param("field", field)
                .param("sf", salesforceValue == null ? null : salesforceValue.toString())
                .param("prm", prmValue == null ? null : prmValue.toString())
                .param("winner", winner)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Whether this very conflict (same record, field and Salesforce value) is recorded already. */
    public boolean isRecorded(String entity, String prmKey, String field, Object salesforceValue) {
        // A value Salesforce cleared is kept as NULL, which '=' never matches.
        String sql = "SELECT COUNT(*) FROM sync_conflict WHERE entity = :entity AND prm_key = :key AND field = :field"
                + (salesforceValue == null ? " AND salesforce_value IS NULL" : " AND salesforce_value = :sf");
        var query = jdbc.sql(sql).param("entity", entity).param("key", prmKey).param("field", field);
        if (salesforceValue != null) {
            query = query.param("sf", salesforceValue.toString());
        }
        return query.query(Integer.class).single() > 0;
    }

    /** A recorded conflict: the field both sides changed, both values, and which side won. */
    public record Conflict(
            long id,
            String entity,
            String prmKey,
            String field,
            String salesforceValue,
            String prmValue,
            String winner,
            Instant detectedAt) {}

    /** Newest first, optionally for one entity and one record. */
    public List<Conflict> page(Optional<String> entity, Optional<String> prmKey, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        entity.ifPresent(e -> params.put("entity", e));
        prmKey.ifPresent(k -> params.put("key", k));
        return jdbc.sql("SELECT * FROM sync_conflict WHERE 1 = 1" + (entity.isPresent() ? " AND entity = :entity" : "")
                        + (prmKey.isPresent() ? " AND prm_key = :key" : "")
                        + " ORDER BY id DESC OFFSET " + (long) page * size + " ROWS FETCH FIRST " + size + " ROWS ONLY")
                .params(params)
                .query((rs, n) -> new Conflict(
                        rs.getLong("id"),
                        rs.getString("entity"),
                        rs.getString("prm_key"),
                        rs.getString("field"),
                        rs.getString("salesforce_value"),
                        rs.getString("prm_value"),
                        rs.getString("winner"),
                        rs.getObject("detected_at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
