package io.prmsync.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Salesforce refuses every record of one upsert call (an sObject Collections call, a Bulk API chunk) that shares
 * its key value with another record of the same call, comparing ignoring case.
 */
final class DuplicateKeys {

    private DuplicateKeys() {}

    /** @param records the typed values of each record; null for a record that already failed */
    static List<Integer> positions(List<Map<String, Object>> records, FieldDef key) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> keys = records.stream().map(values -> keyOf(values, key)).toList();
        keys.forEach(k -> {
            if (k != null) {
                seen.merge(k, 1, Integer::sum);
            }
        });
        List<Integer> duplicated = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) != null && seen.get(keys.get(i)) > 1) {
                duplicated.add(i);
            }
        }
        return duplicated;
    }

    static ApiError error(Object keyValue) {
        return ApiError.of("DUPLICATE_VALUE", "Duplicate external id specified: " + keyValue);
    }

    private static String keyOf(Map<String, Object> values, FieldDef key) {
        Object value = values == null ? null : values.get(key.name());
        return value == null ? null : value.toString().toLowerCase(Locale.ROOT);
    }
}
