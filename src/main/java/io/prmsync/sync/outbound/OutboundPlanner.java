package io.prmsync.sync.outbound;

import io.prmsync.mapping.DeletePolicy;
import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.FieldMapping;
import io.prmsync.mapping.FieldOwner;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.mapping.RecordValues;
import io.prmsync.mapping.TooLongValues;
import io.prmsync.store.PrmRow;
import io.prmsync.store.RecordSyncState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides, row by row, what (if anything) the PRM store has to tell Salesforce. Pure logic, no I/O. */
final class OutboundPlanner {

    private static final Logger log = LoggerFactory.getLogger(OutboundPlanner.class);

    private final RecordMapper mapper;
    private final Supplier<Map<String, Object>> createWith;
    private final Supplier<Map<String, Integer>> textLengths;

    /**
     * @param createWith Salesforce values only known at run time that records created in Salesforce get (a record
     *     type id); asked for only when a record is to be created
     */
    OutboundPlanner(RecordMapper mapper, Supplier<Map<String, Object>> createWith) {
        this(mapper, createWith, Map::of);
    }

    /**
     * @param textLengths the most characters each Salesforce text field holds, by lower-case API name; asked for
     *     each row with a value in a field that truncates too long values
     */
    OutboundPlanner(
            RecordMapper mapper, Supplier<Map<String, Object>> createWith, Supplier<Map<String, Integer>> textLengths) {
        this.mapper = mapper;
        this.createWith = createWith;
        this.textLengths = textLengths;
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
        List<String> cuts = new ArrayList<>();
        // Hashed as sent: Salesforce then holds the cut value, and the inbound echo must match what went out.
        RecordValues sent = cutTooLongValues(values, cuts);
        String outboundHash = mapper.outboundHash(sent);
        if (state != null && outboundHash.equals(state.outboundHash())) {
            return new Plan.Nothing();
        }
        boolean paired = state != null && state.sfId() != null;
        Map<String, Object> fields = new LinkedHashMap<>(mapper.toSalesforce(row.key(), sent, !paired));
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
        cuts.forEach(cut -> log.warn("{} {}: {} (too-long: truncate)", mapping.entity(), row.key(), cut));
        if (paired) {
            fields.put("Id", state.sfId());
        } else {
            fields.putAll(createWith.get());
        }
        return new Plan.Send(new OutboundRecord(
                row.key(), fields, outboundHash, mapper.agreedValues(values), state, row.updatedAt()));
    }

    /**
     * The values with those of fields that truncate cut to what their Salesforce field holds, instead of a dead
     * letter; each cut is described in {@code cuts}.
     */
    private RecordValues cutTooLongValues(RecordValues values, List<String> cuts) {
        Map<String, Object> cut = null;
        for (FieldMapping field : mapper.mapping().fields()) {
            if (field.truncatesTooLongValues()
                    && values.get(field.prmColumn()) instanceof String text
                    && !text.isEmpty()) {
                Integer most = textLengths.get().get(field.salesforceField().toLowerCase(Locale.ROOT));
                if (most != null && text.length() > most) {
                    String shorter = TooLongValues.cut(text, most);
                    if (cut == null) {
                        cut = new HashMap<>(values.values());
                    }
                    cut.put(field.prmColumn(), shorter);
                    cuts.add(field.prmColumn() + " cut from " + text.length() + " to " + shorter.length()
                            + " characters for "
                            + mapper.mapping().sObject() + "." + field.salesforceField());
                }
            }
        }
        return cut == null ? values : new RecordValues(cut);
    }

    /**
     * Latest-wins fields the PRM store has not changed since the last agreed value, or with no agreed value yet (a
     * record just paired by external id): sending them could overwrite a change made in Salesforce, which the
     * next inbound run settles instead.
     */
    private List<String> unchangedLatestWins(RecordValues values, RecordSyncState state) {
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
        return Optional.of(new OutboundRecord(
                row.key(), fields, RecordSyncState.DEACTIVATED, state.baseValues(), state, row.updatedAt()));
    }
}
