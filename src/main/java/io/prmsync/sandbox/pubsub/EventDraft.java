package io.prmsync.sandbox.pubsub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A change event before it has a place in the event bus: one or more records that changed alike. */
record EventDraft(String entity, List<String> recordIds, ChangeType type, Map<String, Object> values) {

    /** The header-only event a gap or an overflow is reported with. */
    EventDraft asGap() {
        return new EventDraft(entity, recordIds, type.gap(), Map.of());
    }

    /**
     * Salesforce folds records of one transaction that changed the same way (same object, same kind, same values)
     * into one event listing every record id; the events keep the order of each group's first change.
     */
    static List<EventDraft> merge(List<RecordChange> changes) {
        Map<Key, List<String>> groups = new LinkedHashMap<>();
        for (RecordChange change : changes) {
            groups.computeIfAbsent(new Key(change.entity(), change.type(), change.values()), k -> new ArrayList<>())
                    .add(change.recordId());
        }
        List<EventDraft> drafts = new ArrayList<>(groups.size());
        groups.forEach(
                (key, ids) -> drafts.add(new EventDraft(key.entity(), List.copyOf(ids), key.type(), key.values())));
        return drafts;
    }

    private record Key(String entity, ChangeType type, Map<String, Object> values) {}
}
