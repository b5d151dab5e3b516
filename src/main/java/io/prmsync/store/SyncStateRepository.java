package io.prmsync.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.Lists;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/** Per-record sync state, read and written a page at a time. */
@Repository
public class SyncStateRepository {

    /** States written per batched statement. */
    static final int SAVED_PER_BATCH = 1_000;

    private static final String COLUMNS = "entity, prm_key, sf_id, inbound_hash, outbound_hash, base_values";
    private static final TypeReference<Map<String, String>> BASE_TYPE = new TypeReference<>() {};

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    private final InLists inLists;

    SyncStateRepository(NamedParameterJdbcTemplate jdbc, ObjectMapper json, InLists inLists) {
        this.inLists = inLists;
        this.jdbc = jdbc;
        this.json = json;
    }

    public Map<String, RecordSyncState> findBySfIds(String entity, Collection<String> sfIds) {
        return find(entity, "sf_id", sfIds, RecordSyncState::sfId);
    }

    public Map<String, RecordSyncState> findByPrmKeys(String entity, Collection<String> prmKeys) {
        return find(entity, "prm_key", prmKeys, RecordSyncState::prmKey);
    }

    /**
     * Of these rows, the keys whose last write was an inbound apply: the apply stamps the row and the record's
     * state with one instant, so a row whose stamp is its state's {@code last_inbound_at} has not been written by
     * anyone else since.
     */
    public Set<String> lastWrittenInbound(String entity, Collection<PrmRow> rows) {
        Map<String, Instant> stampByKey = new HashMap<>();
        rows.forEach(row -> stampByKey.put(row.key(), row.updatedAt()));
        Set<String> written = new HashSet<>();
        // By the key list alone, as in find(): the entity is checked here.
        for (List<String> list : inLists.of(stampByKey.keySet())) {
            jdbc.query(
                    "SELECT entity, prm_key, last_inbound_at FROM sync_record_state WHERE prm_key IN (:values)",
                    new MapSqlParameterSource("values", list),
                    (ResultSet rs) -> {
                        OffsetDateTime inboundAt = rs.getObject("last_inbound_at", OffsetDateTime.class);
                        String key = rs.getString("prm_key");
                        if (inboundAt != null
                                && rs.getString("entity").equals(entity)
                                && inboundAt.toInstant().equals(stampByKey.get(key))) {
                            written.add(key);
                        }
                    });
        }
        return written;
    }

    private Map<String, RecordSyncState> find(
            String entity, String column, Collection<String> values, Function<RecordSyncState, String> keyOf) {
        Map<String, RecordSyncState> result = new HashMap<>();
        if (values.isEmpty()) {
            return result;
        }
        // By the key list alone, entity checked here: H2 seeks an index for an IN list only when nothing else
        // offers it an index prefix, and "entity = ?" would send it scanning every row of the entity.
        for (List<String> list : inLists.of(values)) {
            jdbc.query(
                    "SELECT " + COLUMNS + " FROM sync_record_state WHERE " + column + " IN (:values)",
                    new MapSqlParameterSource("values", list),
                    (ResultSet rs) -> {
                        RecordSyncState state = map(rs, json);
                        if (state.entity().equals(entity)) {
                            result.put(keyOf.apply(state), state);
                        }
                    });
        }
        return result;
    }

    /** Paired records a sweep compares: not known deleted in Salesforce, not deactivated there by us. */
    private static final String SWEEPABLE = "entity = :entity AND sf_id IS NOT NULL"
            + " AND (inbound_hash IS NULL OR inbound_hash <> :deletedThere)"
            // Deactivated by us (IsPartner = false, say): out of the flow's records on purpose.
            + " AND (outbound_hash IS NULL OR outbound_hash <> :deactivated)";

    /** Sweepable records the flow's sweep in progress has not seen, nor synced since it began (alive then). */
    private static final String UNSEEN = SWEEPABLE
            + " AND (last_inbound_at IS NULL OR last_inbound_at < :sweptFrom)"
            + " AND (last_outbound_at IS NULL OR last_outbound_at < :sweptFrom)"
            + " AND NOT EXISTS (SELECT 1 FROM sync_sweep_live_id l WHERE l.flow = :flow AND l.sf_id = s.sf_id)";

    /**
     * One page of the entity's records paired with a Salesforce id that the flow's sweep in progress has not seen
     * ({@link SweepRepository#seen}) and not already known deleted there, in PRM key order after
     * {@code afterPrmKey}.
     */
    public List<RecordSyncState> pairedButUnseen(
            String entity, String flow, Instant sweptFrom, String afterPrmKey, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM sync_record_state s WHERE " + UNSEEN + " AND prm_key > :after"
                        + " ORDER BY prm_key FETCH FIRST " + limit + " ROWS ONLY",
                unseen(entity, flow, sweptFrom).addValue("after", afterPrmKey),
                (rs, n) -> map(rs, json));
    }

    /** How many of the entity's records a sweep compares (see {@link #SWEEPABLE}). */
    public long countSweepable(String entity) {
        return count("SELECT COUNT(*) FROM sync_record_state s WHERE " + SWEEPABLE, sweepable(entity));
    }

    /** How many records the flow's sweep in progress would apply as deleted (see {@link #pairedButUnseen}). */
    public long countPairedButUnseen(String entity, String flow, Instant sweptFrom) {
        return count("SELECT COUNT(*) FROM sync_record_state s WHERE " + UNSEEN, unseen(entity, flow, sweptFrom));
    }

    private long count(String sql, MapSqlParameterSource params) {
        Long count = jdbc.queryForObject(sql, params, Long.class);
        return count == null ? 0 : count;
    }

    private static MapSqlParameterSource sweepable(String entity) {
        return new MapSqlParameterSource("entity", entity)
                .addValue("deletedThere", RecordSyncState.DELETED_IN_SALESFORCE)
                .addValue("deactivated", RecordSyncState.DEACTIVATED);
    }

    private static MapSqlParameterSource unseen(String entity, String flow, Instant sweptFrom) {
        return sweepable(entity).addValue("flow", flow).addValue("sweptFrom", sweptFrom.atOffset(ZoneOffset.UTC));
    }

    /** Inserts or replaces states; rows known to exist are updated, the others inserted, each in one batch. */
    public void saveAll(
            Collection<RecordSyncState> states, Collection<String> existingPrmKeys, Direction direction, Instant now) {
        String touched = direction == Direction.INBOUND ? "last_inbound_at" : "last_outbound_at";
        // A set whatever the caller passed: a list here made a 20,000-record batch quadratic.
        Set<String> existing = Set.copyOf(existingPrmKeys);
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        // A bulk job's results come thousands at a time: their parameters are built a slice at a time, not all at once.
        for (List<RecordSyncState> slice : Lists.partition(List.copyOf(states), SAVED_PER_BATCH)) {
            List<SqlParameterSource> updates = slice.stream()
                    .filter(s -> existing.contains(s.prmKey()))
                    .<SqlParameterSource>map(s -> params(s, at, json))
                    .toList();
            List<SqlParameterSource> inserts = slice.stream()
                    .filter(s -> !existing.contains(s.prmKey()))
                    .<SqlParameterSource>map(s -> params(s, at, json))
                    .toList();
            if (!updates.isEmpty()) {
                jdbc.batchUpdate(
                        "UPDATE sync_record_state SET sf_id = :sfId, inbound_hash = :inboundHash,"
                                + " outbound_hash = :outboundHash, base_values = :baseValues, " + touched
                                + " = :now, last_error_code = NULL,"
                                + " last_error_message = NULL WHERE entity = :entity AND prm_key = :prmKey",
                        updates.toArray(SqlParameterSource[]::new));
            }
            if (!inserts.isEmpty()) {
                jdbc.batchUpdate(
                        "INSERT INTO sync_record_state (" + COLUMNS + ", " + touched + ")"
                                + " VALUES (:entity, :prmKey, :sfId, :inboundHash, :outboundHash, :baseValues, :now)",
                        inserts.toArray(SqlParameterSource[]::new));
            }
        }
    }

    public void recordError(String entity, String prmKey, String errorCode, String message) {
        MapSqlParameterSource params = new MapSqlParameterSource("entity", entity)
                .addValue("prmKey", prmKey)
                .addValue("code", errorCode)
                .addValue("message", DeadLetterRepository.clip(message));
        int updated = jdbc.update(
                "UPDATE sync_record_state SET last_error_code = :code, last_error_message = :message"
                        + " WHERE entity = :entity AND prm_key = :prmKey",
                params);
        if (updated == 0) {
            jdbc.update(
                    "INSERT INTO sync_record_state (entity, prm_key, last_error_code, last_error_message)"
                            + " VALUES (:entity, :prmKey, :code, :message)",
                    params);
        }
    }

    private static MapSqlParameterSource params(RecordSyncState state, OffsetDateTime now, ObjectMapper json) {
        String base;
        try {
            base = json.writeValueAsString(state.baseValues());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Text values always serialise", e);
        }
        return new MapSqlParameterSource("entity", state.entity())
                .addValue("baseValues", base)
                .addValue("prmKey", state.prmKey())
                .addValue("sfId", state.sfId())
                .addValue("inboundHash", state.inboundHash())
                .addValue("outboundHash", state.outboundHash())
                .addValue("now", now);
    }

    private static RecordSyncState map(ResultSet rs, ObjectMapper json) throws SQLException {
        String base = rs.getString("base_values");
        try {
            return new RecordSyncState(
                    rs.getString("entity"),
                    rs.getString("prm_key"),
                    rs.getString("sf_id"),
                    rs.getString("inbound_hash"),
                    rs.getString("outbound_hash"),
                    base == null ? Map.of() : json.readValue(base, BASE_TYPE));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "sync_record_state.base_values of " + rs.getString("prm_key") + " is not valid JSON", e);
        }
    }
}
