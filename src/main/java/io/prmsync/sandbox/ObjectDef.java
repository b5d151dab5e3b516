package io.prmsync.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** One simulated sObject type. Field and relationship names are matched case-insensitively, as Salesforce does. */
final class ObjectDef {

    private final String name;
    private final String keyPrefix;
    private final List<FieldDef> fields;
    private final Map<String, FieldDef> fieldsByName = new LinkedHashMap<>();
    private final Map<String, FieldDef> fieldsByRelationship = new LinkedHashMap<>();
    private final Consumer<Map<String, Object>> derivation;
    /** Fields the integration user cannot see (field-level security): to the API they do not exist. */
    private final java.util.Set<String> hidden = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Formula and roll-up fields: Salesforce calculates them, and their changes do not move SystemModstamp. */
    private final java.util.Set<String> calculated = java.util.concurrent.ConcurrentHashMap.newKeySet();

    ObjectDef(String name, String keyPrefix, List<FieldDef> fields, Consumer<Map<String, Object>> derivation) {
        this.name = name;
        this.keyPrefix = keyPrefix;
        this.fields = List.copyOf(fields);
        this.derivation = derivation;
        for (FieldDef field : this.fields) {
            fieldsByName.put(key(field.name()), field);
            if (field.relationshipName() != null) {
                fieldsByRelationship.put(key(field.relationshipName()), field);
            }
        }
    }

    String name() {
        return name;
    }

    String keyPrefix() {
        return keyPrefix;
    }

    boolean custom() {
        return name.endsWith("__c");
    }

    String label() {
        return custom() ? name.substring(0, name.length() - 3).replace('_', ' ') : name;
    }

    List<FieldDef> fields() {
        return hidden.isEmpty()
                ? fields
                : fields.stream().filter(f -> !hidden.contains(key(f.name()))).toList();
    }

    void hide(String fieldName) {
        if (!fieldsByName.containsKey(key(fieldName))) {
            throw new IllegalArgumentException("no field " + fieldName + " on " + name);
        }
        hidden.add(key(fieldName));
    }

    void calculate(String fieldName) {
        if (!fieldsByName.containsKey(key(fieldName))) {
            throw new IllegalArgumentException("no field " + fieldName + " on " + name);
        }
        calculated.add(key(fieldName));
    }

    boolean isCalculated(String fieldName) {
        return calculated.contains(key(fieldName));
    }

    void revealAll() {
        hidden.clear();
    }

    Optional<FieldDef> field(String fieldName) {
        return Optional.ofNullable(fieldsByName.get(key(fieldName))).filter(f -> !hidden.contains(key(f.name())));
    }

    Optional<FieldDef> relationship(String relationshipName) {
        return Optional.ofNullable(fieldsByRelationship.get(key(relationshipName)))
                .filter(f -> !hidden.contains(key(f.name())));
    }

    /** Recomputes fields the platform derives from others (Opportunity.IsWon from StageName). */
    void derive(Map<String, Object> values) {
        derivation.accept(values);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
