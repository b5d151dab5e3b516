package io.prmsync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * H2's half of {@link FieldChangeTriggers}: after an update of a PRM row, stamps each watched column whose value
 * changed. H2 triggers take no arguments, so the watched columns are read from {@code prm_field_tracking} on the
 * first update (reading at {@link #init} could run while the database is still opening).
 */
public final class H2FieldChangeTrigger implements Trigger {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(H2FieldChangeTrigger.class);

    private String table;
    /** Read once, on the first update; sessions may fire the trigger concurrently. */
    private volatile Positions positions;

    /** Where the key, {@code updated_at} and each watched column sit in a row H2 hands the trigger. */
    private record Positions(int key, int updatedAt, Map<String, Integer> watched) {}

    @Override
    public void init(Connection connection, String schema, String trigger, String tableName, boolean before, int type) {
        this.table = tableName.toLowerCase(Locale.ROOT);
    }

    /** A stamp that cannot be written is a warning, never the failure of the writer's own update. */
    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) {
        if (oldRow == null || newRow == null) {
            return;
        }
        try {
            stamp(connection, oldRow, newRow);
        } catch (SQLException | RuntimeException e) {
            log.warn("prm-sync could not stamp a field change of {}: {}", table, e.getMessage());
        }
    }

    private void stamp(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        Positions at = positions;
        if (at == null) {
            at = readPositions(connection);
            positions = at;
        }
        if (at.key() < 0 || at.watched().isEmpty()) {
            return;
        }
        int updatedAt = at.updatedAt();
        Object stamp = updatedAt >= 0 && !Objects.equals(oldRow[updatedAt], newRow[updatedAt])
                ? newRow[updatedAt]
                : OffsetDateTime.now();
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO prm_field_change (table_name, row_key, column_name, changed_at) KEY (table_name, row_key,"
                        + " column_name) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, Integer> column : at.watched().entrySet()) {
                int index = column.getValue();
                if (!Objects.equals(oldRow[index], newRow[index])) {
                    merge.setString(1, table);
                    merge.setString(2, String.valueOf(newRow[at.key()]));
                    merge.setString(3, column.getKey());
                    merge.setObject(4, stamp);
                    merge.addBatch();
                }
            }
            merge.executeBatch();
        }
    }

    private Positions readPositions(Connection connection) throws SQLException {
        Map<String, Integer> columnAt = new HashMap<>();
        try (ResultSet columns =
                connection.getMetaData().getColumns(null, null, table.toUpperCase(Locale.ROOT), null)) {
            while (columns.next()) {
                columnAt.put(
                        columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                        columns.getInt("ORDINAL_POSITION") - 1);
            }
        }
        List<String> names = new ArrayList<>();
        String keyColumn = null;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT key_column, column_name FROM prm_field_tracking WHERE table_name = ?")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keyColumn = rows.getString(1);
                    names.add(rows.getString(2));
                }
            }
        }
        Map<String, Integer> found = new HashMap<>();
        names.stream().filter(columnAt::containsKey).forEach(name -> found.put(name, columnAt.get(name)));
        return new Positions(
                keyColumn == null ? -1 : columnAt.getOrDefault(keyColumn, -1),
                columnAt.getOrDefault("updated_at", -1),
                found);
    }
}
