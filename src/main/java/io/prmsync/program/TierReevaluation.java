package io.prmsync.program;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.store.InLists;
import io.prmsync.store.JdbcColumnCatalog;
import io.prmsync.sync.RecordsChangedListener;
import io.prmsync.sync.TierChanges;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps tiers in step with the accounts, deals and certifications a sync writes. Inside a sync commit the partners
 * are only marked due ({@link DueEvaluations}), in the same transaction; when the run ends they are evaluated, each
 * once however many of the run's pages touched it, before the run hands its tier changes on to Salesforce. Rows an
 * outbound run is about to send, and rows a webhook names, have their partners evaluated at once. Partner rows live in {@code partner_account};
 * every child table names its partner in a {@code partner_id} reference column.
 */
@Component
class TierReevaluation implements RecordsChangedListener {

    static final String PARTNER_TABLE = "partner_account";
    static final String PARTNER_COLUMN = "partner_id";

    private static final Logger log = LoggerFactory.getLogger(TierReevaluation.class);

    private final TierEvaluation evaluation;
    private final DueEvaluations due;
    private final JdbcClient jdbc;
    private final JdbcColumnCatalog schema;
    private final Clock clock;

    private final InLists inLists;
    private final TierMemberships memberships;

    TierReevaluation(
            TierEvaluation evaluation,
            TierMemberships memberships,
            DueEvaluations due,
            JdbcClient jdbc,
            JdbcTemplate jdbcTemplate,
            Clock clock,
            InLists inLists) {
        this.inLists = inLists;
        this.memberships = memberships;
        this.evaluation = evaluation;
        this.due = due;
        this.jdbc = jdbc;
        this.schema = JdbcColumnCatalog.read(java.util.Objects.requireNonNull(jdbcTemplate.getDataSource()));
        this.clock = clock;
    }

    @Override
    public TierChanges recordsChanged(String flow, EntityMapping mapping, Collection<String> prmKeys) {
        if (prmKeys.isEmpty() || !decidesTiers(mapping)) {
            return TierChanges.none();
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            if (mapping.prmTable().equals(PARTNER_TABLE)) {
                due.markPartners(flow, prmKeys, clock.instant());
            } else {
                due.markPartnersOf(flow, mapping.prmTable(), mapping.prmKey(), prmKeys, clock.instant());
            }
            return TierChanges.none();
        }
        return evaluateNow(mapping, prmKeys, TierEvaluation.RowStamp.MOVE);
    }

    /**
     * Partner rows about to be sent keep their stamp when their tier changes: they are already among the rows the
     * run sends, and a fresh stamp would put them behind the settle lag, to wait for the next run. A partner row
     * whose last write was the evaluation that stored its standing is not evaluated again: nothing has changed it
     * since (after a first sync, every partner's row is such a row, and each outbound run within the overlap window
     * re-evaluated all of them).
     */
    @Override
    public TierChanges aboutToBeSent(String flow, EntityMapping mapping, Collection<String> prmKeys) {
        if (prmKeys.isEmpty() || !decidesTiers(mapping)) {
            return TierChanges.none();
        }
        if (!mapping.prmTable().equals(PARTNER_TABLE)) {
            return evaluateNow(mapping, prmKeys, TierEvaluation.RowStamp.MOVE);
        }
        java.util.Set<String> evaluated = memberships.lastWrittenByTheirEvaluation(prmKeys);
        List<String> changedSince =
                prmKeys.stream().filter(key -> !evaluated.contains(key)).toList();
        return changedSince.isEmpty()
                ? TierChanges.none()
                : evaluateNow(mapping, changedSince, TierEvaluation.RowStamp.KEEP);
    }

    /** A failure here must not fail the run, which has committed: the marks stay for the flow's next run. */
    @Override
    public TierChanges runEnded(String flow) {
        try {
            return evaluation.evaluateDue(flow).changes();
        } catch (RuntimeException e) {
            log.error("Evaluating the tiers of the partners {} changed failed; its next run tries again", flow, e);
            return TierChanges.none();
        }
    }

    /** Each partner the set's runs touched is evaluated once, with every flow's records in. */
    @Override
    public TierChanges runSetEnded(List<String> flows) {
        try {
            return evaluation.evaluateDue(flows).changes();
        } catch (RuntimeException e) {
            log.error("Evaluating the tiers of the partners {} changed failed; their next runs try again", flows, e);
            return TierChanges.none();
        }
    }

    private TierChanges evaluateNow(EntityMapping mapping, Collection<String> prmKeys, TierEvaluation.RowStamp stamp) {
        List<String> partners = partnersOf(mapping, prmKeys);
        return partners.isEmpty() ? TierChanges.none() : evaluation.evaluatePartners(partners, stamp);
    }

    private boolean decidesTiers(EntityMapping mapping) {
        if (mapping.prmTable().startsWith("tier_")) {
            // The tier engine's own output travelling to Salesforce; nothing to re-evaluate.
            return false;
        }
        // By the table, not the mapping: a flow may update a child without mapping its partner (deal outcomes).
        return mapping.prmTable().equals(PARTNER_TABLE)
                || schema.columnType(mapping.prmTable(), PARTNER_COLUMN).isPresent();
    }

    private List<String> partnersOf(EntityMapping mapping, Collection<String> prmKeys) {
        if (mapping.prmTable().equals(PARTNER_TABLE)) {
            return List.copyOf(prmKeys);
        }
        // Table and key names come from a mapping validated against the schema.
        java.util.Set<String> partners = new java.util.LinkedHashSet<>();
        for (List<String> chunk : inLists.of(prmKeys)) {
            partners.addAll(jdbc.sql("SELECT DISTINCT " + PARTNER_COLUMN + " FROM " + mapping.prmTable() + " WHERE "
                            + mapping.prmKey() + " IN (:keys)")
                    .param("keys", chunk)
                    .query(String.class)
                    .list());
        }
        return List.copyOf(partners);
    }
}
