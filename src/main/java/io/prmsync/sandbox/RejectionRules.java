package io.prmsync.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Per-record errors injected on API writes, standing in for an org's validation rules and triggers. */
final class RejectionRules {

    private record Rule(ObjectDef type, FieldDef field, Object value, ApiError error) {}

    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    void add(ObjectDef type, FieldDef field, Object value, String errorCode, String message) {
        rules.add(new Rule(type, field, FieldValues.fromJava(field, value), ApiError.of(errorCode, message)));
    }

    void clear() {
        rules.clear();
    }

    /** Checks the record as it would be after the write, the way a validation rule sees it. */
    Optional<ApiError> check(ObjectDef type, Map<String, Object> values) {
        return rules.stream()
                .filter(rule -> rule.type() == type)
                .filter(rule -> matches(rule, values.get(rule.field().name())))
                .map(Rule::error)
                .findFirst();
    }

    private static boolean matches(Rule rule, Object actual) {
        if (rule.value() == null || actual == null) {
            return rule.value() == actual;
        }
        return FieldValues.compare(rule.field().type(), rule.value(), actual) == 0;
    }
}
