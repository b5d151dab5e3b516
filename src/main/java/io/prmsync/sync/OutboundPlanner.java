package io.prmsync.sync;

import io.prmsync.mapping.DeletePolicy;
import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.mapping.RecordValues;
import io.prmsync.store.PrmRow;
import io.prmsync.store.RecordSyncState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Decides, row by row, what (if anything) the PRM store has to tell Salesforce. Pure logic, no I/O. */
final class OutboundPlanner {

    /** Outbound hash remembered for a record deactivated in Salesforce, so it is not deactivated again. */
    static final String DEACTIVATED = "deactivated";

    private final RecordMapper mapper;

    OutboundPlanner(RecordMapper mapper) {
        this.mapper = mapper;
    }

    Optional<OutboundRecord> plan(PrmRow row, RecordSyncState state) {
        EntityMapping mapping = mapper.mapping();
        if (row.isDeleted()) {
            return planDeletion(row, state, mapping);
        }
        RecordValues values = mapper.fromPrm(row.columns());
        String outboundHash = mapper.outboundHash(values);
        if (state != null && outboundHash.equals(state.outboundHash())) {
            return Optional.empty();
        }
        boolean paired = state != null && state.sfId() != null;
        Map<String, Object> fields = new LinkedHashMap<>(mapper.toSalesforce(row.key(), values, !paired));
        if (paired) {
            fields.put("Id", state.sfId());
        }
        return Optional.of(new OutboundRecord(row.key(), fields, outboundHash, mapper.agreedValues(values), state));
    }

    private static Optional<OutboundRecord> planDeletion(PrmRow row, RecordSyncState state, EntityMapping mapping) {
        boolean paired = state != null && state.sfId() != null;
        if (!paired || DEACTIVATED.equals(state.outboundHash())
                || mapping.deletes().fromPrm() != DeletePolicy.FromPrm.DEACTIVATE) {
            return Optional.empty();
        }
        Map<String, Object> fields = new LinkedHashMap<>(mapping.deletes().deactivateWith());
        fields.put("Id", state.sfId());
        return Optional.of(new OutboundRecord(row.key(), fields, DEACTIVATED, state.baseValues(), state));
    }
}
