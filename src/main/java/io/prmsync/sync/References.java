package io.prmsync.sync;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.FieldMapping;
import io.prmsync.store.RecordSyncState;
import io.prmsync.store.SyncStateRepository;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Translates parent references between the PRM key a child row holds and the Salesforce id its lookup field
 * holds, through the parent's sync state. A parent that has not been synced yet cannot be translated: its
 * children are parked.
 */
@Component
public class References {

    private final SyncStateRepository states;

    References(SyncStateRepository states) {
        this.states = states;
    }

    /** For each reference field, Salesforce id → PRM key of the parents that are paired. */
    public Map<String, Map<String, String>> toPrmKeys(EntityMapping mapping, Collection<Map<String, Object>> records) {
        Map<String, Map<String, String>> byField = new HashMap<>();
        for (FieldMapping field : mapping.references()) {
            Set<String> ids = values(records, field.salesforceField());
            byField.put(
                    field.prmColumn(),
                    states.findBySfIds(field.referenceTo(), ids).values().stream()
                            .collect(Collectors.toMap(RecordSyncState::sfId, RecordSyncState::prmKey)));
        }
        return byField;
    }

    /** For each reference field, PRM key → Salesforce id of the parents that are paired. */
    public Map<String, Map<String, String>> toSalesforceIds(
            EntityMapping mapping, Collection<Map<String, Object>> rows) {
        Map<String, Map<String, String>> byField = new HashMap<>();
        for (FieldMapping field : mapping.references()) {
            Set<String> keys = values(rows, field.prmColumn());
            byField.put(
                    field.prmColumn(),
                    states.findByPrmKeys(field.referenceTo(), keys).values().stream()
                            .filter(s -> s.sfId() != null)
                            .collect(Collectors.toMap(RecordSyncState::prmKey, RecordSyncState::sfId)));
        }
        return byField;
    }

    private static Set<String> values(Collection<Map<String, Object>> records, String field) {
        return records.stream()
                .map(r -> r.get(field))
                .filter(Objects::nonNull)
                .map(Object::toString)
                .collect(Collectors.toSet());
    }
}
