package io.prmsync.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The rows of the org with an index on external id fields. Not thread-safe: {@link SimulatedOrg} guards it with
 * a read-write lock.
 */
final class OrgData {

    private final Map<String, StoredRecord> byId = new HashMap<>();
    private final Map<String, Map<String, StoredRecord>> byObject = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> externalIdIndex = new HashMap<>();

    Optional<StoredRecord> find(String id18) {
        return Optional.ofNullable(byId.get(id18));
    }

    /** A live view in creation order, deleted rows included. */
    Collection<StoredRecord> all(String objectName) {
        return Collections.unmodifiableCollection(
                byObject.getOrDefault(objectName, Map.of()).values());
    }

    void insert(StoredRecord record) {
        byId.put(record.id(), record);
        byObject.computeIfAbsent(record.type().name(), k -> new LinkedHashMap<>())
                .put(record.id(), record);
        index(record);
    }

    /** Undoes an insert inside a rolled-back all-or-none call. */
    void remove(StoredRecord record) {
        unindex(record);
        byId.remove(record.id());
        byObject.get(record.type().name()).remove(record.id());
    }

    void replaceValues(StoredRecord record, Map<String, Object> newValues) {
        unindex(record);
        Map<String, Object> copy = new LinkedHashMap<>(newValues);
        record.values().clear();
        record.values().putAll(copy);
        index(record);
    }

    /** Live (not deleted) rows whose external id equals the value, ignoring case as Salesforce does. */
    List<StoredRecord> findByExternalId(ObjectDef type, FieldDef field, Object value) {
        Set<String> ids =
                externalIdIndex.getOrDefault(indexName(type, field), Map.of()).getOrDefault(normalize(value), Set.of());
        List<StoredRecord> matches = new ArrayList<>();
        ids.forEach(id -> matches.add(byId.get(id)));
        return matches;
    }

    private void index(StoredRecord record) {
        forEachExternalId(
                record,
                (index, key) -> externalIdIndex
                        .computeIfAbsent(index, k -> new HashMap<>())
                        .computeIfAbsent(key, k -> new LinkedHashSet<>())
                        .add(record.id()));
    }

    private void unindex(StoredRecord record) {
        forEachExternalId(record, (index, key) -> {
            Set<String> ids = externalIdIndex.getOrDefault(index, Map.of()).get(key);
            if (ids != null) {
                ids.remove(record.id());
            }
        });
    }

    private void forEachExternalId(StoredRecord record, BiConsumer<String, String> action) {
        if (record.deleted()) {
            return;
        }
        for (FieldDef field : record.type().fields()) {
            Object value = record.get(field.name());
            if (field.externalId() && value != null) {
                action.accept(indexName(record.type(), field), normalize(value));
            }
        }
    }

    private static String indexName(ObjectDef type, FieldDef field) {
        return type.name() + "." + field.name();
    }

    private static String normalize(Object value) {
        return value.toString().toLowerCase(Locale.ROOT);
    }
}
