package io.prmsync.store;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.FieldMapping;
import io.prmsync.mapping.FieldOwner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
    /**
     * Runs as its owner (prm-sync's role) with a fixed search path, so a portal role that may not write
     * {@code prm_field_change} still can update its rows; and a stamp that cannot be written is a warning, never
     * the failure of the portal's own write.
     */
    private static final String POSTGRES_FUNCTION = """
            CREATE OR REPLACE FUNCTION {schema}.prm_sync_field_change() RETURNS trigger LANGUAGE plpgsql
            SECURITY DEFINER SET search_path = {schema}, pg_temp AS $fn$
            DECLARE
                old_row jsonb;
                new_row jsonb;
                stamp timestamptz;
            BEGIN
                BEGIN
                    old_row := to_jsonb(OLD);
                    new_row := to_jsonb(NEW);
                    stamp := CASE WHEN old_row -> 'updated_at' IS DISTINCT FROM new_row -> 'updated_at'
                        THEN (new_row ->> 'updated_at')::timestamptz ELSE now() END;
                    FOR i IN 1 .. TG_NARGS - 1 LOOP
                        IF old_row -> TG_ARGV[i] IS DISTINCT FROM new_row -> TG_ARGV[i] THEN
                            INSERT INTO {schema}.prm_field_change (table_name, row_key, column_name, changed_at)
                            VALUES (TG_TABLE_NAME, new_row ->> TG_ARGV[0], TG_ARGV[i], stamp)
                            ON CONFLICT (table_name, row_key, column_name)
                            DO UPDATE SET changed_at = EXCLUDED.changed_at;
                        END IF;
                    END LOOP;
                EXCEPTION WHEN OTHERS THEN
                    RAISE WARNING 'prm-sync could not stamp a field change of % %: %',
                        TG_TABLE_NAME, new_row ->> TG_ARGV[0], SQLERRM;
                END;
                RETURN NULL;
            END
            $fn$""";

    /** Serialises the installation across nodes starting together. */
    private static final long INSTALL_LOCK = 0x70726d73796e63L;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    /** Tables whose trigger this process saw in place: only their stamps are trusted. */
    private volatile Set<String> watchedTables = Set.of();

    FieldChangeStamps(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * When the PRM store last changed this column of this row, if a trigger in place saw it: a stamp of a table
     * whose trigger could not be installed may be old, and an old stamp would decide a conflict wrongly.
     */
    public Optional<Instant> changedAt(String table, String key, String column) {
        String tableName = table.toLowerCase(Locale.ROOT);
        if (!watchedTables.contains(tableName)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT changed_at FROM prm_field_change WHERE table_name = :table AND row_key = :key"
                        + " AND column_name = :column")
                .param("table", tableName)
                .param("key", key)
                .param("column", column.toLowerCase(Locale.ROOT))
                .query(OffsetDateTime.class)
                .optional()
                .map(OffsetDateTime::toInstant);
    }

    /**
     * Watches the latest-wins columns of every mapped table, in one transaction: rewrites {@code
     * prm_field_tracking}, forgets stamps of columns no longer watched, and installs each trigger not already in
     * place as it should be (on PostgreSQL a trigger already right is left alone: replacing it locks the portal's
     * table, and a node waits at most 5 s for that lock).
     *
     * @return whether every trigger is in place
     */
    public boolean watch(Collection<EntityMapping> mappings) {
        Map<String, Watched> tables = watchedTables(mappings);
        try {
            Boolean installed = template.execute((ConnectionCallback<Boolean>) connection -> {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    install(connection, tables);
                    connection.commit();
                    return true;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            });
            watchedTables = Set.copyOf(tables.keySet());
            return Boolean.TRUE.equals(installed);
        } catch (RuntimeException e) {
            // Conflicts fall back to the row's age; the service itself must start whatever the store allows.
            watchedTables = Set.of();
            log.warn(
                    "Cannot install the field-change triggers on {} ({}); a latest-wins conflict is decided by the"
                            + " row's updated_at instead",
                    tables.keySet(),
                    e.getMessage());
            return false;
        }
    }

    private static void install(Connection connection, Map<String, Watched> tables) throws SQLException {
        boolean postgres = connection.getMetaData().getDatabaseProductName().contains("PostgreSQL");
        if (!postgres && !connection.getMetaData().getDatabaseProductName().contains("H2")) {
            throw new IllegalStateException(
                    "no field-change trigger for " + connection.getMetaData().getDatabaseProductName());
        }
        try (Statement statement = connection.createStatement()) {
            if (postgres) {
                statement.execute("SELECT pg_advisory_xact_lock(" + INSTALL_LOCK + ")");
                statement.execute("SET LOCAL lock_timeout = '5s'");
            }
            statement.executeUpdate("DELETE FROM prm_field_tracking");
            try (PreparedStatement track = connection.prepareStatement(
                    "INSERT INTO prm_field_tracking (table_name, key_column, column_name) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, Watched> table : tables.entrySet()) {
                    for (String column : table.getValue().columns()) {
                        track.setString(1, table.getKey());
                        track.setString(2, table.getValue().key());
                        track.setString(3, column);
                        track.addBatch();
                    }
                }
                track.executeBatch();
            }
            statement.executeUpdate("DELETE FROM prm_field_change WHERE NOT EXISTS (SELECT 1 FROM prm_field_tracking t"
                    + " WHERE t.table_name = prm_field_change.table_name"
                    + " AND t.column_name = prm_field_change.column_name)");
            if (postgres) {
                String schema = currentSchema(statement);
                statement.execute(POSTGRES_FUNCTION.replace("{schema}", schema));
                for (Map.Entry<String, Watched> table : tables.entrySet()) {
                    String definition = postgresTrigger(schema, table.getValue());
                    if (!postgresTriggerInPlace(connection, table.getKey(), definition)) {
                        statement.execute("DROP TRIGGER IF EXISTS " + TRIGGER + " ON " + table.getKey());
                        statement.execute(
                                "CREATE TRIGGER " + TRIGGER + " AFTER UPDATE ON " + table.getKey() + definition);
                    }
                }
            } else {
                // H2's trigger reads the watched columns once per instance: a new instance reads them afresh.
                for (String table : tables.keySet()) {
                    statement.execute("DROP TRIGGER IF EXISTS " + h2TriggerName(table));
                    statement.execute("CREATE TRIGGER " + h2TriggerName(table) + " AFTER UPDATE ON " + table
                            + " FOR EACH ROW CALL '" + H2FieldChangeTrigger.class.getName() + "'");
                }
            }
        }
    }

    private static String currentSchema(Statement statement) throws SQLException {
        try (ResultSet schema = statement.executeQuery("SELECT current_schema()")) {
            schema.next();
            String name = schema.getString(1);
            if (name == null || !IDENTIFIER.matcher(name).matches()) {
                throw new IllegalStateException("unexpected schema name " + name);
            }
            return name;
        }
    }

    /**
     * What follows the table in the trigger's definition. The {@code WHEN} condition is checked by PostgreSQL
     * itself: an update that changes no watched column (a tier or an engagement score shown on the partner row, a
     * re-sync of equal values) never enters the function, whose row-to-JSON copies and exception block (a
     * subtransaction) cost more than the update.
     */
    static String postgresTrigger(String schema, Watched watched) {
        String changed = watched.columns().stream()
                .map(column -> "OLD." + column + " IS DISTINCT FROM NEW." + column)
                .collect(Collectors.joining(" OR "));
        String arguments = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(watched.key()), watched.columns().stream())
                .map(name -> "'" + name + "'")
                .collect(Collectors.joining(", "));
        return " FOR EACH ROW WHEN (" + changed + ") EXECUTE FUNCTION " + schema + "." + TRIGGER + "(" + arguments
                + ")";
    }

    /**
     * Whether the table's trigger exists as {@code definition} would make it: the same arguments (the watched
     * columns), and a {@code WHEN} condition (made with them; a trigger of an older version has none).
     */
    private static boolean postgresTriggerInPlace(Connection connection, String table, String definition)
            throws SQLException {
        String arguments = definition.substring(definition.lastIndexOf('('));
        try (PreparedStatement query = connection.prepareStatement("SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t"
                + " WHERE t.tgname = ? AND t.tgrelid = to_regclass(?) AND NOT t.tgisinternal")) {
            query.setString(1, TRIGGER);
            query.setString(2, table);
            try (ResultSet found = query.executeQuery()) {
                return found.next()
                        && found.getString(1).endsWith(arguments)
                        && found.getString(1).contains(" WHEN (");
            }
        }
    }

    /** H2 names triggers per schema, not per table. */
    private static String h2TriggerName(String table) {
        return TRIGGER + "_" + table;
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

    record Watched(String key, Set<String> columns) {}
}
