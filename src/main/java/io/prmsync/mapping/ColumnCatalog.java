package io.prmsync.mapping;

import java.util.Optional;

/** What the PRM store's schema holds; mappings are validated against it at start-up. */
public interface ColumnCatalog {

    boolean hasTable(String table);

    /** The type of {@code table.column}, or empty when the column does not exist. */
    Optional<ValueType> columnType(String table, String column);

    /** True when the column takes no null and has no default, so a row cannot be written without a value. */
    boolean isRequired(String table, String column);
}
