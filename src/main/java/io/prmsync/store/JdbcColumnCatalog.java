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
    private final Map<String, Integer> textLengths;

    private JdbcColumnCatalog(
            Map<String, Map<String, ValueType>> tables,
            Map<String, java.util.Set<String>> required,
            Map<String, Integer> textLengths) {
        this.tables = tables;
        this.required = required;
        this.textLengths = textLengths;
    }

    /** The most characters a text column holds, when the store says. */
    public java.util.OptionalInt textLength(String table, String column) {
        Integer length = textLengths.get(table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT));
        return length == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(length);
    }

    public static JdbcColumnCatalog read(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            Map<String, Map<String, ValueType>> tables = new HashMap<>();
            Map<String, java.util.Set<String>> required = new HashMap<>();
            Map<String, Integer> textLengths = new HashMap<>();
            try (ResultSet columns = metaData.getColumns(connection.getCatalog(), connection.getSchema(), "%", "%")) {
                while (columns.next()) {
                    String table = columns.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    String column = columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                    Optional<ValueType> type = typeOf(columns.getInt("DATA_TYPE"), columns.getString("TYPE_NAME"));
                    type.ifPresent(t ->
                            tables.computeIfAbsent(table, x -> new HashMap<>()).put(column, t));
                    int size = columns.getInt("COLUMN_SIZE");
                    if (type.equals(Optional.of(ValueType.TEXT)) && size > 0 && size < Integer.MAX_VALUE) {
                        textLengths.put(table + "." + column, size);
                    }
                    if (columns.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls
                            && columns.getString("COLUMN_DEF") == null) {
                        required.computeIfAbsent(table, t -> new java.util.HashSet<>())
                                .add(column);
                    }
                }
            }
            return new JdbcColumnCatalog(tables, required, textLengths);
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
