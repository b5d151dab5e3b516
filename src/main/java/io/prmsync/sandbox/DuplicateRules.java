package io.prmsync.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An org's active duplicate rules, simplified to one matching field per object (the standard Account rule matches
 * on the name): an API write that would make a second live record with the same value is refused with
 * {@code DUPLICATES_DETECTED}, unless the call sends {@code Sforce-Duplicate-Rule-Header: allowSave=true}.
 */
final class DuplicateRules {

    static final String HEADER = "Sforce-Duplicate-Rule-Header";

    private final Map<ObjectDef, FieldDef> matchingField = new ConcurrentHashMap<>();

    void activate(ObjectDef type, FieldDef field) {
        matchingField.put(type, field);
    }

    void clear() {
        matchingField.clear();
    }

    /** Whether a call's header asks to save despite a duplicate. */
    static boolean allowsSave(String header) {
        return header != null
                && header.replace(" ", "").toLowerCase(Locale.ROOT).contains("allowsave=true");
    }

    Optional<ApiError> check(OrgData data, ObjectDef type, StoredRecord existing, Map<String, Object> values) {
        FieldDef field = matchingField.get(type);
        Object value = field == null ? null : values.get(field.name());
        if (value == null) {
            return Optional.empty();
        }
        String match = value.toString().trim().toLowerCase(Locale.ROOT);
        return data.all(type.name()).stream()
                .filter(record -> !record.deleted())
                .filter(record -> existing == null || !record.id().equals(existing.id()))
                .filter(record -> {
                    Object other = record.values().get(field.name());
                    return other != null
                            && other.toString().trim().toLowerCase(Locale.ROOT).equals(match);
                })
                .findFirst()
                .map(duplicate -> ApiError.of(
                        "DUPLICATES_DETECTED",
                        "Use one of these records? (" + type.name() + " " + duplicate.id() + " has the same "
                                + field.name() + ")"));
    }
}
