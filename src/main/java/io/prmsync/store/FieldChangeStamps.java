package io.prmsync.store;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.FieldMapping;
import io.prmsync.mapping.FieldOwner;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * When each latest-wins column of a PRM row last changed, kept by a trigger on each mapped table (Heroku Connect
 * keeps its change log the same way): a conflict between the two sides is decided by when that very field
 * changed, not by the row's {@code updated_at}, which every write moves. A store that refuses triggers (no
 * privilege) keeps working on the row's age, with a warning at start-up.
 */
@Repository
public class FieldChangeStamps {

    private static final Logger log = LoggerFactory.getLogger(FieldChangeStamps.class);
    static final String TRIGGER = "prm_sync_field_change";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String POSTGRES_FUNCTION = """
            CREATE OR REPLACE FUNCTION prm_sync_field_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
            DECLARE
                old_row jsonb := to_jsonb(OLD);
                new_row jsonb := to_jsonb(NEW);
                stamp timestamptz := CASE WHEN old_row -> 'updated_at' IS DISTINCT FROM new_row -> 'updated_at'
                    THEN (new_row ->> 'updated_at')::timestamptz ELSE now() END;
            BEGIN
                FOR i IN 1 .. TG_NARGS - 1 LOOP
                    IF old_row -> TG_ARGV[i] IS DISTINCT FROM new_row -> TG_ARGV[i] THEN
                        INSERT INTO prm_field_change (table_name, row_key, column_name, changed_at)
                        VALUES (TG_TABLE_NAME, new_row ->> TG_ARGV[0], TG_ARGV[i], stamp)
                        ON CONFLICT (table_name, row_key, column_name) DO UPDATE SET changed_at = EXCLUDED.changed_at;
                    END IF;
                END LOOP;
                RETURN NULL;
            END
            $fn$""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    FieldChangeStamps(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** When the PRM store last changed this column of this row, if a trigger saw it. */
    public Optional<Instant> changedAt(String table, String key, String column) {
        return jdbc.sql("SELECT changed_at FROM prm_field_change WHERE table_name = :table AND row_key = :key"
                        + " AND column_name = :column")
                .param("table", table.toLowerCase(Locale.ROOT))
                .param("key", key)
                .param("column", column.toLowerCase(Locale.ROOT))
                .query(OffsetDateTime.class)
                .optional()
                .map(OffsetDateTime::toInstant);
    }

    /**
     * Watches the latest-wins columns of every mapped table: rewrites {@code prm_field_tracking} and (re)creates
     * the triggers, so a column an admin adds to or drops from a mapping is watched from the next start-up.
     *
     * @return whether every trigger is in place
     */
    public boolean watch(Collection<EntityMapping> mappings) {
        Map<String, Watched> tables = watchedTables(mappings);
        try {
            String product = databaseProduct();
            template.update("DELETE FROM prm_field_tracking");
            tables.forEach((table, watched) -> watched.columns()
                    .forEach(column -> template.update(
                            "INSERT INTO prm_field_tracking (table_name, key_column, column_name) VALUES (?, ?, ?)",
                            table,
                            watched.key(),
                            column)));
            if (product.contains("PostgreSQL")) {
                template.execute(POSTGRES_FUNCTION);
            }
            tables.forEach((table, watched) -> {
                template.execute(dropTrigger(product, table));
                template.execute(createTrigger(product, table, watched));
            });
            return true;
        } catch (DataAccessException | IllegalStateException e) {
            log.warn(
                    "Cannot install the field-change triggers on {} ({}); a latest-wins conflict is decided by the"
                            + " row's updated_at instead",
                    tables.keySet(),
                    e.getMessage());
            return false;
        }
    }

    private static String dropTrigger(String product, String table) {
        return product.contains("PostgreSQL")
                ? "DROP TRIGGER IF EXISTS " + TRIGGER + " ON " + table
                : "DROP TRIGGER IF EXISTS " + h2TriggerName(table);
    }

    /** H2 names triggers per schema, not per table. */
    private static String h2TriggerName(String table) {
        return TRIGGER + "_" + table;
    }

    private static String createTrigger(String product, String table, Watched watched) {
        if (product.contains("PostgreSQL")) {
            String arguments = java.util.stream.Stream.concat(
                            java.util.stream.Stream.of(watched.key()), watched.columns().stream())
                    .map(name -> "'" + name + "'")
                    .collect(Collectors.joining(", "));
            return "CREATE TRIGGER " + TRIGGER + " AFTER UPDATE ON " + table + " FOR EACH ROW EXECUTE FUNCTION "
                    + TRIGGER + "(" + arguments + ")";
        }
        if (product.contains("H2")) {
            return "CREATE TRIGGER " + h2TriggerName(table) + " AFTER UPDATE ON " + table + " FOR EACH ROW CALL '"
                    + H2FieldChangeTrigger.class.getName() + "'";
        }
        throw new IllegalStateException("no field-change trigger for " + product);
    }

    private String databaseProduct() {
        return template.execute((ConnectionCallback<String>) connection -> {
            try {
                return connection.getMetaData().getDatabaseProductName();
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    private static Map<String, Watched> watchedTables(Collection<EntityMapping> mappings) {
        Map<String, Watched> tables = new LinkedHashMap<>();
        for (EntityMapping mapping : mappings) {
            Set<String> columns = mapping.fields().stream()
                    .filter(f -> f.owner() == FieldOwner.LATEST_WINS)
                    .map(FieldMapping::prmColumn)
                    .map(c -> c.toLowerCase(Locale.ROOT))
                    .filter(c -> IDENTIFIER.matcher(c).matches())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (!columns.isEmpty() && IDENTIFIER.matcher(mapping.prmTable()).matches()) {
                String table = mapping.prmTable().toLowerCase(Locale.ROOT);
                Watched known = tables.get(table);
                if (known != null) {
                    columns.addAll(known.columns());
                }
                tables.put(table, new Watched(mapping.prmKey().toLowerCase(Locale.ROOT), columns));
            }
        }
        return tables;
    }

    private record Watched(String key, Set<String> columns) {}
}
