package io.prmsync.changeevents;

import io.prmsync.mapping.FieldMapping;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.mapping.RecordValues;
import io.prmsync.store.PrmRecords;
import io.prmsync.store.PrmRow;
import io.prmsync.store.RecordSyncState;
import io.prmsync.store.SyncStateRepository;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognises the echo of the service's own write: an update committed by the integration user whose every mapped
 * value is what the PRM store holds now. Reading such a record again would change nothing, so it costs no API call.
 * Anything else — a create, a delete, another user's change, a value the store does not hold (a Salesforce
 * automation changed it in the same transaction) — is read as usual.
 */
final class EchoCheck {

    private final SyncStateRepository states;
    private final PrmRecords rows;

    EchoCheck(SyncStateRepository states, PrmRecords rows) {
        this.states = states;
        this.rows = rows;
    }

    boolean isEcho(ChangeEvent event, String recordId, RecordMapper mapper, Optional<String> integrationUser) {
        if (!event.isUpdate()
                || integrationUser.isEmpty()
                || !integrationUser.get().equals(event.commitUser())) {
            return false;
        }
        RecordSyncState state =
                states.findBySfIds(mapper.mapping().entity(), List.of(recordId)).get(recordId);
        if (state == null) {
            return false;
        }
        PrmRow row = rows.findByKeys(mapper.mapping(), List.of(state.prmKey())).get(state.prmKey());
        if (row == null || row.isDeleted()) {
            return false;
        }
        RecordValues held = mapper.fromPrm(row.columns());
        for (FieldMapping field : mapper.mapping().fields()) {
            if (field.isRelationshipPath()) {
                continue;
            }
            String name = field.salesforceField();
            boolean changed = event.changedValues().containsKey(name)
                    || event.nulledFields().contains(name);
            if (changed && !sameValue(field, event.changedValues().get(name), held.get(field.prmColumn()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(FieldMapping field, Object eventValue, Object held) {
        try {
            return Objects.equals(field.type().canonical(eventValue), held);
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}
