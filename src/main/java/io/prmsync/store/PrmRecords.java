package io.prmsync.store;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.FieldMapping;
import io.prmsync.mapping.RecordValues;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes the rows of any mapped PRM table. Table and column names come only from an
 * {@link EntityMapping}, which was validated against the real schema; values always travel as parameters.
 */
@Repository
public class PrmRecords {

    private final NamedParameterJdbcTemplate jdbc;

    private final InLists inLists;

    PrmRecords(NamedParameterJdbcTemplate jdbc, InLists inLists) {
        this.inLists = inLists;
        this.jdbc = jdbc;
    }

    public Map<String, PrmRow> findByKeys(EntityMapping mapping, Collection<String> keys) {
        Map<String, PrmRow> rows = new HashMap<>();
        if (keys.isEmpty()) {
            return rows;
        }
        for (List<String> list : inLists.of(keys)) {
            jdbc.query(
                    select(mapping) + " WHERE " + mapping.prmKey() + " IN (:keys)",
                    new MapSqlParameterSource("keys", list),
                    (ResultSet rs) -> {
                        PrmRow row = map(mapping, rs);
                        rows.put(row.key(), row);
                    });
        }
        return rows;
    }

    /**
     * Up to {@code limit} rows changed after {@code after}, in (updated_at, key) order, leaving rows stamped at or
     * after {@code until} (transactions that may still be committing earlier stamps) to the next run.
     */
    public List<PrmRow> changedAfter(EntityMapping mapping, Watermark after, Optional<Instant> until, int limit) {
        return jdbc.query(
                select(mapping) + changedAfterCondition(mapping, until) + " ORDER BY updated_at, " + mapping.prmKey()
                        + " FETCH FIRST " + limit + " ROWS ONLY",
                changedAfterParameters(after, until),
                (rs, n) -> map(mapping, rs));
    }

    /** How many rows {@link #changedAfter} would list, counting no further than {@code atMost}. */
    public int countChangedAfter(EntityMapping mapping, Watermark after, Optional<Instant> until, int atMost) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM (SELECT 1 FROM " + mapping.prmTable() + changedAfterCondition(mapping, until)
                        + " FETCH FIRST " + atMost + " ROWS ONLY) changed",
                changedAfterParameters(after, until),
                Integer.class);
        return count == null ? 0 : count;
    }

    private static String changedAfterCondition(EntityMapping mapping, Optional<Instant> until) {
        String key = mapping.prmKey();
        return " WHERE (updated_at > :stamp OR (updated_at = :stamp AND " + key + " > :key))"
                + (until.isPresent() ? " AND updated_at < :until" : "");
    }

    private static MapSqlParameterSource changedAfterParameters(Watermark after, Optional<Instant> until) {
        MapSqlParameterSource params = new MapSqlParameterSource(
                        "stamp", after.stamp().atOffset(ZoneOffset.UTC))
                .addValue("key", after.recordId());
        until.ifPresent(instant -> params.addValue("until", instant.atOffset(ZoneOffset.UTC)));
        return params;
    }

    /**
     * Inserts rows, leaving out the columns a row has no value for, so the table's defaults apply to them (a
     * certification Salesforce sends without a status gets the store's default status). Rows with the same
     * missing columns go in one batch. Each row is created when {@code bornAt} says (when its record was created on
     * the other side), never later than {@code now}; a row it does not name is created now.
     */
    public void insertAll(
            EntityMapping mapping, Map<String, RecordValues> rowsByKey, Map<String, Instant> bornAt, Instant now) {
        Map<List<FieldMapping>, Map<String, RecordValues>> byColumns = new LinkedHashMap<>();
        rowsByKey.forEach((key, values) -> byColumns
                .computeIfAbsent(
                        mapping.fields().stream()
                                .filter(f -> values.get(f.prmColumn()) != null)
                                .toList(),
                        columns -> new LinkedHashMap<>())
                .put(key, values));
        byColumns.forEach((fields, rows) -> {
            String columns = fields.stream().map(f -> ", " + f.prmColumn()).collect(Collectors.joining());
            String values = fields.stream().map(f -> ", :" + f.prmColumn()).collect(Collectors.joining());
            jdbc.batchUpdate(
                    "INSERT INTO " + mapping.prmTable() + " (" + mapping.prmKey() + columns
                            + ", created_at, updated_at) VALUES (:__key" + values + ", :__born, :__now)",
                    bornOn(params(fields, rows, now), rows.keySet(), bornAt, now));
        });
    }

    /** Writes {@code fields} of each row, clears a soft delete and stamps {@code updated_at}. */
    public void updateAll(
            EntityMapping mapping, List<FieldMapping> fields, Map<String, RecordValues> rowsByKey, Instant now) {
        if (rowsByKey.isEmpty()) {
            return;
        }
        String assignments =
                fields.stream().map(f -> f.prmColumn() + " = :" + f.prmColumn()).collect(Collectors.joining(", "));
        String sql = "UPDATE " + mapping.prmTable() + " SET " + (assignments.isEmpty() ? "" : assignments + ", ")
                + "deleted_at = NULL, updated_at = :__now WHERE " + mapping.prmKey() + " = :__key";
        jdbc.batchUpdate(sql, params(fields, rowsByKey, now));
    }

    public void markDeleted(EntityMapping mapping, Collection<String> keys, Instant now) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.update(
                "UPDATE " + mapping.prmTable() + " SET deleted_at = :now, updated_at = :now WHERE " + mapping.prmKey()
                        + " IN (:keys) AND deleted_at IS NULL",
                new MapSqlParameterSource("keys", keys).addValue("now", now.atOffset(ZoneOffset.UTC)));
    }

    /** Moves the rows up in the change order, so the next outbound run reads them again. */
    public void touch(EntityMapping mapping, Collection<String> keys, Instant now) {
        if (keys.isEmpty()) {
            return;
        }
        for (List<String> chunk : inLists.of(keys)) {
            jdbc.update(
                    "UPDATE " + mapping.prmTable() + " SET updated_at = :now WHERE " + mapping.prmKey() + " IN (:keys)",
                    new MapSqlParameterSource("keys", chunk).addValue("now", now.atOffset(ZoneOffset.UTC)));
        }
    }

    private static SqlParameterSource[] params(
            List<FieldMapping> fields, Map<String, RecordValues> rowsByKey, Instant now) {
        OffsetDateTime stamp = now.atOffset(ZoneOffset.UTC);
        return rowsByKey.entrySet().stream()
                .map(entry -> {
                    MapSqlParameterSource params =
                            new MapSqlParameterSource("__key", entry.getKey()).addValue("__now", stamp);
                    for (FieldMapping field : fields) {
                        params.addValue(
                                field.prmColumn(),
                                field.type().toJdbc(entry.getValue().get(field.prmColumn())));
                    }
                    return params;
                })
                .toArray(SqlParameterSource[]::new);
    }

    private static SqlParameterSource[] bornOn(
            SqlParameterSource[] params, java.util.Collection<String> keys, Map<String, Instant> bornAt, Instant now) {
        int i = 0;
        for (String key : keys) {
            Instant born = bornAt.get(key);
            ((MapSqlParameterSource) params[i++])
                    .addValue("__born", (born == null || born.isAfter(now) ? now : born).atOffset(ZoneOffset.UTC));
        }
        return params;
    }

    private static String select(EntityMapping mapping) {
        String columns = mapping.fields().stream().map(FieldMapping::prmColumn).collect(Collectors.joining(", "));
        return "SELECT " + mapping.prmKey() + ", " + columns + ", updated_at, deleted_at FROM " + mapping.prmTable();
    }

    /** JDBC drivers hand out java.sql dates; the mapping works with java.time only. */
    private static Object javaTime(Object value) {
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return value;
    }

    private static PrmRow map(EntityMapping mapping, ResultSet rs) throws SQLException {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (FieldMapping field : mapping.fields()) {
            columns.put(field.prmColumn(), javaTime(rs.getObject(field.prmColumn())));
        }
        OffsetDateTime deletedAt = rs.getObject("deleted_at", OffsetDateTime.class);
        return new PrmRow(
                rs.getString(mapping.prmKey()),
                columns,
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                deletedAt == null ? null : deletedAt.toInstant());
    }
}
