package io.prmsync.sync.outbound;

import io.prmsync.mapping.DeletePolicy;
import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.FieldMapping;
import io.prmsync.mapping.FieldOwner;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.mapping.RecordValues;
import io.prmsync.store.PrmRow;
import io.prmsync.store.RecordSyncState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Decides, row by row, what (if anything) the PRM store has to tell Salesforce. Pure logic, no I/O. */
final class OutboundPlanner {

    private final RecordMapper mapper;
    private final Supplier<Map<String, Object>> createWith;

    /**
     * @param createWith Salesforce values only known at run time that records created in Salesforce get (a record
     *     type id); asked for only when a record is to be created
     */
    OutboundPlanner(RecordMapper mapper, Supplier<Map<String, Object>> createWith) {
        this.mapper = mapper;
        this.createWith = createWith;
    }

    /** What to do with one changed row. */
    sealed interface Plan {
        record Send(OutboundRecord record) implements Plan {}

        /** Nothing Salesforce does not already have. */
        record Nothing() implements Plan {}

        /** A parent the row refers to has no Salesforce id yet. */
        record Park(String parentKeys) implements Plan {}
    }

    /**
     * @param parents per reference column, PRM key → Salesforce id of the parents that are paired
     */
    Plan plan(PrmRow row, RecordSyncState state, Map<String, Map<String, String>> parents) {
        EntityMapping mapping = mapper.mapping();
        if (row.isDeleted()) {
            return planDeletion(row, state, mapping).<Plan>map(Plan.Send::new).orElse(new Plan.Nothing());
        }
        RecordValues values = mapper.fromPrm(row.columns());
        String outboundHash = mapper.outboundHash(values);
        if (state != null && outboundHash.equals(state.outboundHash())) {
            return new Plan.Nothing();
        }
        boolean paired = state != null && state.sfId() != null;
        Map<String, Object> fields = new LinkedHashMap<>(mapper.toSalesforce(row.key(), values, !paired));
        if (paired) {
            unchangedLatestWins(values, state).forEach(fields::remove);
        }
        for (FieldMapping reference : mapping.references()) {
            Object parentKey = values.get(reference.prmColumn());
            if (parentKey != null && fields.containsKey(reference.salesforceField())) {
                String parentId =
                        parents.getOrDefault(reference.prmColumn(), Map.of()).get(parentKey.toString());
                if (parentId == null) {
                    return new Plan.Park(parentKey.toString());
                }
                fields.put(reference.salesforceField(), parentId);
            }
        }
        if (paired) {
            fields.put("Id", state.sfId());
        } else {
            fields.putAll(createWith.get());
        }
        return new Plan.Send(new OutboundRecord(row.key(), fields, outboundHash, mapper.agreedValues(values), state));
    }

    /**
     * Latest-wins fields the PRM store has not changed since the last agreed value, or with no agreed value yet (a
     * record just paired by external id): sending them could overwrite a change made in Salesforce, which the
     * next inbound run settles instead.
     */
    private java.util.List<String> unchangedLatestWins(RecordValues values, RecordSyncState state) {
        return mapper.mapping().fields().stream()
                .filter(f -> f.owner() == FieldOwner.LATEST_WINS)
                .filter(f -> !state.baseValues().containsKey(f.prmColumn())
                        || values.rendered(f.prmColumn())
                                .equals(state.baseValues().get(f.prmColumn())))
                .map(FieldMapping::salesforceField)
                .toList();
    }

    private static Optional<OutboundRecord> planDeletion(PrmRow row, RecordSyncState state, EntityMapping mapping) {
        boolean paired = state != null && state.sfId() != null;
        if (!paired
                || RecordSyncState.DEACTIVATED.equals(state.outboundHash())
                || mapping.deletes().fromPrm() != DeletePolicy.FromPrm.DEACTIVATE) {
            return Optional.empty();
        }
        Map<String, Object> fields = new LinkedHashMap<>(mapping.deletes().deactivateWith());
        fields.put("Id", state.sfId());
        return Optional.of(
                new OutboundRecord(row.key(), fields, RecordSyncState.DEACTIVATED, state.baseValues(), state));
    }
}
