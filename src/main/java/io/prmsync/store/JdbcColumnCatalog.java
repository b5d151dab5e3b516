package io.prmsync.store;

import io.prmsync.mapping.ColumnCatalog;
import io.prmsync.mapping.ValueType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The PRM schema as the database itself reports it after migrations, so mappings are checked against the
 * real columns rather than a hand-kept list. Names are compared case-insensitively (H2 upper-cases them).
 */
public final class JdbcColumnCatalog implements ColumnCatalog {

    private final Map<String, Map<String, ValueType>> tables;
    private final Map<String, java.util.Set<String>> required;

    private JdbcColumnCatalog(Map<String, Map<String, ValueType>> tables, Map<String, java.util.Set<String>> required) {
        this.tables = tables;
        this.required = required;
    }

    public static JdbcColumnCatalog read(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            Map<String, Map<String, ValueType>> tables = new HashMap<>();
            Map<String, java.util.Set<String>> required = new HashMap<>();
            try (ResultSet columns = metaData.getColumns(connection.getCatalog(), connection.getSchema(), "%", "%")) {
                while (columns.next()) {
                    String table = columns.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    String column = columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                    typeOf(columns.getInt("DATA_TYPE"), columns.getString("TYPE_NAME"))
                            .ifPresent(type -> tables.computeIfAbsent(table, t -> new HashMap<>())
                                    .put(column, type));
                    if (columns.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls
                            && columns.getString("COLUMN_DEF") == null) {
                        required.computeIfAbsent(table, t -> new java.util.HashSet<>())
                                .add(column);
                    }
                }
            }
            return new JdbcColumnCatalog(tables, required);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the PRM store's schema: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasTable(String table) {
        return tables.containsKey(table.toLowerCase(Locale.ROOT));
    }

    @Override
    public Optional<ValueType> columnType(String table, String column) {
        return Optional.ofNullable(
                tables.getOrDefault(table.toLowerCase(Locale.ROOT), Map.of()).get(column.toLowerCase(Locale.ROOT)));
    }

    @Override
    public boolean isRequired(String table, String column) {
        return required.getOrDefault(table.toLowerCase(Locale.ROOT), java.util.Set.of())
                .contains(column.toLowerCase(Locale.ROOT));
    }

    private static Optional<ValueType> typeOf(int jdbcType, String typeName) {
        return Optional.ofNullable(
                switch (jdbcType) {
                    case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR, Types.CLOB ->
                        ValueType.TEXT;
                    case Types.BOOLEAN, Types.BIT -> ValueType.BOOLEAN;
                    case Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.FLOAT, Types.REAL -> ValueType.DECIMAL;
                    case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT -> ValueType.INTEGER;
                    case Types.DATE -> ValueType.DATE;
                    case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ValueType.TIMESTAMP;
                    default ->
                        typeName != null && typeName.toLowerCase(Locale.ROOT).startsWith("timestamp")
                                ? ValueType.TIMESTAMP
                                : null;
                });
    }
}
