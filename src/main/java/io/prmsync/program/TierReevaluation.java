package io.prmsync.program;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.FieldMapping;
import io.prmsync.sync.RecordsChangedListener;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Re-evaluates the partners whose accounts, deals or certifications a sync step has just written, as soon as the
 * step's transaction commits and still within the same run, so a tier never lags behind the records it rests on.
 * Not inside that transaction: flows run side by side, and two of them placing the same new partner at once would
 * collide; evaluations run one at a time instead. Partner rows live in {@code partner_account}; every child table
 * names its partner in a {@code partner_id} reference column.
 */
@Component
class TierReevaluation implements RecordsChangedListener {

    static final String PARTNER_TABLE = "partner_account";
    static final String PARTNER_COLUMN = "partner_id";

    private final TierEvaluation evaluation;
    private final JdbcClient jdbc;

    TierReevaluation(TierEvaluation evaluation, JdbcClient jdbc) {
        this.evaluation = evaluation;
        this.jdbc = jdbc;
    }

    @Override
    public void recordsChanged(EntityMapping mapping, Collection<String> prmKeys) {
        List<String> partners = partnersOf(mapping, prmKeys);
        if (partners.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    evaluation.evaluatePartners(partners);
                }
            });
        } else {
            evaluation.evaluatePartners(partners);
        }
    }

    private List<String> partnersOf(EntityMapping mapping, Collection<String> prmKeys) {
        if (mapping.prmTable().startsWith("tier_")) {
            // The tier engine's own output travelling to Salesforce; nothing to re-evaluate.
            return List.of();
        }
        if (mapping.prmTable().equals(PARTNER_TABLE)) {
            return List.copyOf(prmKeys);
        }
        boolean childOfPartner = mapping.field(PARTNER_COLUMN).filter(FieldMapping::isReference).isPresent();
        if (!childOfPartner) {
            return List.of();
        }
        // Table and key names come from a mapping validated against the schema.
        return jdbc.sql("SELECT DISTINCT " + PARTNER_COLUMN + " FROM " + mapping.prmTable() + " WHERE "
                        + mapping.prmKey() + " IN (:keys)")
                .param("keys", prmKeys).query(String.class).list();
    }
}
