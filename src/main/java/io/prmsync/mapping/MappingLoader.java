package io.prmsync.mapping;

import io.prmsync.yaml.YamlFiles;
import io.prmsync.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one mapping file and validates it against the PRM schema. Every problem is reported with file, line
 * and key, all at once, and nothing half-valid is ever returned.
 */
public final class MappingLoader {

    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern FIELD_PATH = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*");
    private static final Pattern ENTITY = Pattern.compile("[a-z][a-z0-9-]*");
    /** Columns the sync itself maintains; mapping them would let Salesforce rewrite our bookkeeping. */
    private static final Set<String> MANAGED_COLUMNS = Set.of("created_at", "updated_at", "deleted_at");

    private static final Map<String, DeletePolicy.FromSalesforce> FROM_SALESFORCE = Map.of(
            "soft-delete", DeletePolicy.FromSalesforce.SOFT_DELETE, "ignore", DeletePolicy.FromSalesforce.IGNORE);
    private static final Map<String, DeletePolicy.FromPrm> FROM_PRM =
            Map.of("deactivate", DeletePolicy.FromPrm.DEACTIVATE, "ignore", DeletePolicy.FromPrm.IGNORE);

    private final ColumnCatalog catalog;

    public MappingLoader(ColumnCatalog catalog) {
        this.catalog = catalog;
    }

    public EntityMapping load(Path file) {
        return read(YamlFiles.read(file), file.toString());
    }

    public EntityMapping parse(String content, String fileName) {
        return read(YamlFiles.parse(content, fileName), fileName);
    }

    private EntityMapping read(YamlNode root, String source) {
        root.allowOnly("entity", "prm", "salesforce", "fields", "deletes");
        String entity = root.required("entity").requiredText();
        if (entity != null && !ENTITY.matcher(entity).matches()) {
            root.get("entity").problem("must be lower-case words joined by '-', not '" + entity + "'");
        }

        YamlNode prm = root.required("prm");
        prm.allowOnly("table", "key", "create");
        boolean create = prm.get("create").bool().orElse(true);
        String table = prm.required("table").requiredText();
        if (table != null && !catalog.hasTable(table)) {
            prm.get("table").problem("names table '" + table + "', which the PRM store does not have");
        }
        String key = prm.required("key").requiredText();
        boolean tableKnown = table != null && catalog.hasTable(table);
        if (key != null && tableKnown && catalog.columnType(table, key).isEmpty()) {
            prm.get("key").problem("names column '" + key + "', which table '" + table + "' does not have");
        }

        YamlNode salesforce = root.required("salesforce");
        salesforce.allowOnly(
                "object", "external-id", "record-filter", "record-type", "lookups", "duplicates", "change-events");
        DuplicatePolicy duplicates = salesforce
                .get("duplicates")
                .choice(DuplicatePolicy.class, DuplicatePolicy.BY_NAME)
                .orElse(DuplicatePolicy.BLOCK);
        Map<String, EntityMapping.OrgLookup> lookups = lookups(salesforce.get("lookups"));
        String recordType = salesforce.get("record-type").isPresent() ? apiName(salesforce.get("record-type")) : null;
        String sObject = apiName(salesforce.required("object"));
        String externalId = apiName(salesforce.required("external-id"));
        Map<String, Object> filter = literalFields(salesforce.get("record-filter"));
        String changeEvents = changeEventChannel(salesforce.get("change-events"), sObject);

        List<FieldMapping> fields = fields(root.required("fields"), tableKnown ? table : null, key);
        DeletePolicy deletes = deletes(root.get("deletes"));

        root.problems().throwIfAny();
        return new EntityMapping(
                source,
                entity,
                table,
                key,
                sObject,
                externalId,
                filter,
                recordType,
                lookups,
                create,
                fields,
                deletes,
                duplicates,
                changeEvents);
    }

    /**
     * {@code change-events: true} subscribes to the object's standard channel ({@code /data/AccountChangeEvent},
     * {@code /data/Foo__ChangeEvent}); a channel name subscribes to that channel (a custom one such as
     * {@code /data/PRM_Partner__chn}); absent or {@code false}, none.
     */
    private static String changeEventChannel(YamlNode node, String sObject) {
        String text = node.text().orElse(null);
        if (text == null || text.equals("false")) {
            return null;
        }
        if (text.equals("true")) {
            return sObject == null ? null : ChangeEventChannel.standard(sObject);
        }
        if (!ChangeEventChannel.isChannelName(text)) {
            node.problem("must be true, false or a change event channel such as /data/AccountChangeEvent or"
                    + " /data/PRM_Partner__chn, not '" + text + "'");
            return null;
        }
        return text;
    }

    /** An ISO-8601 period after which every record is read again, for a field Salesforce calculates. */
    private static java.time.Duration recheck(YamlNode node, FieldOwner owner) {
        String text = node.text().orElse(null);
        if (text == null) {
            return null;
        }
        if (owner == FieldOwner.PRM) {
            node.problem("re-reads a field from Salesforce, but an owner: prm field is never read");
            return null;
        }
        try {
            java.time.Duration every = java.time.Duration.parse(text);
            if (every.isNegative() || every.isZero()) {
                node.problem("must be a positive duration, not '" + text + "'");
                return null;
            }
            return every;
        } catch (java.time.format.DateTimeParseException e) {
            node.problem("must be an ISO-8601 duration such as P1D or PT12H, not '" + text + "'");
            return null;
        }
    }

    private List<FieldMapping> fields(YamlNode node, String table, String key) {
        List<FieldMapping> result = new ArrayList<>();
        Set<String> salesforceFields = new HashSet<>();
        node.entries().forEach((column, spec) -> {
            spec.allowOnly("salesforce", "owner", "reference", "too-long", "recheck");
            String reference = spec.get("reference").text().orElse(null);
            if (reference != null && !ENTITY.matcher(reference).matches()) {
                spec.get("reference").problem("must name an entity such as partner-account, not '" + reference + "'");
            }
            String sfField = spec.required("salesforce").requiredText();
            if (sfField != null && !FIELD_PATH.matcher(sfField).matches()) {
                spec.get("salesforce").problem("'" + sfField + "' is not a Salesforce field API name");
            } else if (sfField != null && !salesforceFields.add(sfField)) {
                spec.get("salesforce").problem("maps '" + sfField + "' a second time");
            }
            FieldOwner owner = spec.required("owner")
                    .choice(FieldOwner.class, FieldOwner.BY_NAME)
                    .orElse(null);
            if (sfField != null && sfField.contains(".") && owner != null && owner.flowsOutbound()) {
                spec.get("owner")
                        .problem(
                                "must be 'salesforce' for relationship path '" + sfField + "', which can only be read");
            }
            TooLongValues tooLong = spec.get("too-long")
                    .choice(TooLongValues.class, TooLongValues.BY_NAME)
                    .orElse(TooLongValues.DEAD_LETTER);
            if (tooLong == TooLongValues.TRUNCATE && owner != null && owner != FieldOwner.PRM) {
                spec.get("too-long")
                        .problem("'truncate' is only for fields the PRM store owns (owner: prm): a "
                                + owner.name()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .replace('_', '-')
                                + " field would come back cut and overwrite the PRM value");
            }
            java.time.Duration recheck = recheck(spec.get("recheck"), owner);
            ValueType type = columnType(spec, table, key, column);
            if (sfField != null && owner != null && type != null) {
                result.add(new FieldMapping(
                        column, sfField, owner, type, reference, catalog.isRequired(table, column), tooLong, recheck));
            }
        });
        if (node.isPresent() && node.isMap() && node.entries().isEmpty()) {
            node.problem("must map at least one field");
        }
        return result;
    }

    private ValueType columnType(YamlNode spec, String table, String key, String column) {
        // The key may be mapped only as a reference: a membership row keyed by its partner, say.
        boolean keyAsReference = column.equals(key) && spec.get("reference").isPresent();
        if (MANAGED_COLUMNS.contains(column) || (column.equals(key) && !keyAsReference)) {
            spec.problem("column '" + column + "' is maintained by prm-sync and cannot be mapped");
            return null;
        }
        if (table == null) {
            return null;
        }
        return catalog.columnType(table, column).orElseGet(() -> {
            spec.problem("is not a column of table '" + table + "'");
            return null;
        });
    }

    private static Map<String, EntityMapping.OrgLookup> lookups(YamlNode node) {
        Map<String, EntityMapping.OrgLookup> lookups = new LinkedHashMap<>();
        node.entries().forEach((field, spec) -> {
            if (!API_NAME.matcher(field).matches()) {
                spec.problem("is not a Salesforce field API name");
            }
            spec.allowOnly("object", "where");
            String sObject = apiName(spec.required("object"));
            Map<String, Object> where = literalFields(spec.required("where"));
            if (spec.get("where").isPresent() && where.isEmpty()) {
                spec.get("where").problem("must give at least one field value");
            }
            if (sObject != null) {
                lookups.put(field, new EntityMapping.OrgLookup(sObject, where));
            }
        });
        return lookups;
    }

    private DeletePolicy deletes(YamlNode node) {
        node.allowOnly("from-salesforce", "from-prm", "deactivate-with");
        var fromSalesforce = node.get("from-salesforce")
                .choice(DeletePolicy.FromSalesforce.class, FROM_SALESFORCE)
                .orElse(DeletePolicy.FromSalesforce.SOFT_DELETE);
        var fromPrm = node.get("from-prm")
                .choice(DeletePolicy.FromPrm.class, FROM_PRM)
                .orElse(DeletePolicy.FromPrm.IGNORE);
        Map<String, Object> deactivateWith = literalFields(node.get("deactivate-with"));
        if (fromPrm == DeletePolicy.FromPrm.DEACTIVATE && deactivateWith.isEmpty()) {
            node.get("from-prm").problem("is 'deactivate' but 'deactivate-with' gives no field values to write");
        }
        return new DeletePolicy(fromSalesforce, fromPrm, deactivateWith);
    }

    private static Map<String, Object> literalFields(YamlNode node) {
        Map<String, Object> values = new LinkedHashMap<>();
        node.entries().forEach((field, value) -> {
            if (!API_NAME.matcher(field).matches()) {
                value.problem("is not a Salesforce field API name");
            }
            value.scalar().ifPresent(v -> values.put(field, v));
        });
        return values;
    }

    private static String apiName(YamlNode node) {
        String name = node.requiredText();
        if (name != null && !API_NAME.matcher(name).matches()) {
            node.problem("'" + name + "' is not a Salesforce API name");
        }
        return name;
    }
}
