package io.prmsync.program;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.store.JdbcColumnCatalog;
import io.prmsync.sync.RecordsChangedListener;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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
 * names its partner in a {@code partner_id} reference column. A bulk run, whose chunks touch the same partners
 * over and over, reports once at its end instead, and its partners are found by the rows' stamps.
 */
@Component
class TierReevaluation implements RecordsChangedListener {

    static final String PARTNER_TABLE = "partner_account";
    static final String PARTNER_COLUMN = "partner_id";
    private static final int PAGE = 1_000;

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
                        log.error("Re-evaluating the tiers of {} partners after a {} step failed; the scheduled"
                                + " evaluation will catch up", partners.size(), mapping.entity(), e);
                    }
                }
            });
        } else {
            evaluation.evaluatePartners(partners);
        }
    }

    /**
     * Re-evaluates, a page of partners at a time in partner order, every partner whose row or child rows of the
     * mapping's table were written at or after {@code since}; a failure is logged, as after a step.
     */
    @Override
    public void recordsChangedSince(EntityMapping mapping, Instant since) {
        Optional<String> partnerOfRow = partnerColumn(mapping);
        if (partnerOfRow.isEmpty()) {
            return;
        }
        String column = partnerOfRow.get();
        // Table and column names come from a mapping validated against the schema.
        String page = "SELECT DISTINCT " + column + " FROM " + mapping.prmTable() + " WHERE updated_at >= :since"
                + " AND " + column + " > :after ORDER BY " + column + " FETCH FIRST " + PAGE + " ROWS ONLY";
        int partners = 0;
        try {
            String after = "";
            for (List<String> ids = partnersAfter(page, since, after); !ids.isEmpty();
                    ids = partnersAfter(page, since, after)) {
                evaluation.evaluatePartners(ids);
                partners += ids.size();
                after = ids.get(ids.size() - 1);
            }
        } catch (RuntimeException e) {
            log.error("Re-evaluating the tiers of the partners a {} run wrote failed after {}; the scheduled"
                    + " evaluation will catch up", mapping.entity(), partners, e);
        }
    }

    private List<String> partnersAfter(String page, Instant since, String after) {
        return jdbc.sql(page).param("since", since.atOffset(ZoneOffset.UTC)).param("after", after)
                .query(String.class).list();
    }

    /**
     * The column naming a row's partner: the key of a partner row, partner_id of a child, found by the table rather
     * than the mapping (a flow may update a child without mapping its partner: deal outcomes). None for the tier
     * tables: the tier engine's own output travelling to Salesforce.
     */
    private Optional<String> partnerColumn(EntityMapping mapping) {
        if (mapping.prmTable().startsWith("tier_")) {
            return Optional.empty();
        }
        if (mapping.prmTable().equals(PARTNER_TABLE)) {
            return Optional.of(mapping.prmKey());
        }
        return schema.columnType(mapping.prmTable(), PARTNER_COLUMN).map(type -> PARTNER_COLUMN);
    }

    private List<String> partnersOf(EntityMapping mapping, Collection<String> prmKeys) {
        Optional<String> column = partnerColumn(mapping);
        if (column.isEmpty()) {
            return List.of();
        }
        if (mapping.prmTable().equals(PARTNER_TABLE)) {
            return List.copyOf(prmKeys);
        }
        // Table and key names come from a mapping validated against the schema.
        return jdbc.sql("SELECT DISTINCT " + PARTNER_COLUMN + " FROM " + mapping.prmTable() + " WHERE "
                        + mapping.prmKey() + " IN (:keys)")
                .param("keys", prmKeys).query(String.class).list();
    }
}
