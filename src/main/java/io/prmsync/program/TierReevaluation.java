package io.prmsync.program;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.store.JdbcColumnCatalog;
import io.prmsync.sync.RecordsChangedListener;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
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

    private static final Logger log = LoggerFactory.getLogger(TierReevaluation.class);

    private final TierEvaluation evaluation;
    private final JdbcClient jdbc;
    private final JdbcColumnCatalog schema;

    TierReevaluation(TierEvaluation evaluation, JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.evaluation = evaluation;
        this.jdbc = jdbc;
        this.schema = JdbcColumnCatalog.read(java.util.Objects.requireNonNull(jdbcTemplate.getDataSource()));
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
                    // The step has committed: a failure here must not fail it; the hourly evaluation catches up.
                    try {
                        evaluation.evaluatePartners(partners);
                    } catch (RuntimeException e) {
                        log.error(
                                "Re-evaluating the tiers of {} partners after a {} step failed; the scheduled"
                                        + " evaluation will catch up",
                                partners.size(),
                                mapping.entity(),
                                e);
                    }
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
        // By the table, not the mapping: a flow may update a child without mapping its partner (deal outcomes).
        boolean childOfPartner =
                schema.columnType(mapping.prmTable(), PARTNER_COLUMN).isPresent();
        if (!childOfPartner) {
            return List.of();
        }
        // Table and key names come from a mapping validated against the schema.
        return jdbc.sql("SELECT DISTINCT " + PARTNER_COLUMN + " FROM " + mapping.prmTable() + " WHERE "
                        + mapping.prmKey() + " IN (:keys)")
                .param("keys", prmKeys)
                .query(String.class)
                .list();
    }
}
