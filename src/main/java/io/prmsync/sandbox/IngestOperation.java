package io.prmsync.sandbox;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** What a Bulk API 2.0 ingest job does with each CSV row, through the same WriteEngine calls as the REST API. */
enum IngestOperation {
    INSERT("insert"),
    UPDATE("update"),
    UPSERT("upsert"),
    DELETE("delete"),
    HARD_DELETE("hardDelete");

    private final String wireName;

    IngestOperation(String wireName) {
        this.wireName = wireName;
    }

    static Optional<IngestOperation> named(String wireName) {
        return Arrays.stream(values())
                .filter(op -> op.wireName.equals(wireName))
                .findFirst();
    }

    String wireName() {
        return wireName;
    }

    /** @param key the job's external id field; only upsert has one */
    RecordResult apply(WriteEngine engine, ObjectDef type, FieldDef key, Map<String, Object> values) {
        Object id = values.get("Id");
        return switch (this) {
            case INSERT -> engine.create(type, values);
            case UPSERT -> {
                Object keyValue = values.get(key.name());
                yield keyValue == null && !key.name().equals("Id")
                        ? RecordResult.failed("MISSING_ARGUMENT", key.name() + " not specified", key.name())
                        : engine.upsert(type, key, keyValue, values);
            }
            case UPDATE -> id == null ? missingId("an update") : engine.update((String) id, type, values);
            case DELETE -> id == null ? missingId("a delete") : engine.delete((String) id, type);
            case HARD_DELETE -> id == null ? missingId("a hardDelete") : engine.hardDelete((String) id, type);
        };
    }

    private static RecordResult missingId(String call) {
        return RecordResult.failed("MISSING_ARGUMENT", "Id not specified in " + call + " call", "Id");
    }
}
