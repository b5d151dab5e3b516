package io.prmsync.program;

import io.prmsync.store.InLists;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The partners waiting for a tier evaluation ({@code tier_evaluation_due}): marked by a flow inside the
 * transaction that changed their records, cleared by the evaluation at the end of that flow's run that saw the
 * marks, or at the end of the run set it belonged to (several flows' marks, each partner evaluated once). Runs of
 * one flow never overlap, so a run's end finds its own marks and those a crashed run left; a committed mark may be
 * evaluated by anyone, as its records committed with it.
 */
@Repository
class DueEvaluations {

    private final JdbcClient jdbc;

    private final InLists inLists;

    DueEvaluations(JdbcClient jdbc, InLists inLists) {
        this.inLists = inLists;
        this.jdbc = jdbc;
    }

    /** Marks the partners themselves (those the store holds). */
    void markPartners(String flow, Collection<String> partnerIds, Instant now) {
        for (List<String> list : inLists.of(partnerIds)) {
            jdbc.sql("INSERT INTO tier_evaluation_due (flow, partner_id, marked_at) SELECT :flow, partner_id, :now"
                            + " FROM partner_account WHERE partner_id IN (:ids)")
                    .param("flow", flow)
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .param("ids", list)
                    .update();
        }
    }

    /**
     * Marks the partners of child rows, found in the store by the rows' keys; table and column names come from a
     * mapping validated against the schema.
     */
    void markPartnersOf(String flow, String table, String keyColumn, Collection<String> keys, Instant now) {
        for (List<String> list : inLists.of(keys)) {
            jdbc.sql("INSERT INTO tier_evaluation_due (flow, partner_id, marked_at) SELECT DISTINCT :flow, "
                            + TierReevaluation.PARTNER_COLUMN + ", :now FROM " + table + " WHERE " + keyColumn
                            + " IN (:keys)")
                    .param("flow", flow)
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .param("keys", list)
                    .update();
        }
    }

    /**
     * The flows' next {@code limit} partners waiting, in id order after {@code afterPartnerId}, each once. The marks
     * are read along the index a page at a time, each page after the last partner of the one before, until the
     * chunk is full: a partner marked by several flows, or by several pages of one flow, holds several marks, and a
     * chunk of {@code limit} marks held a third as many partners (the benchmark's first evaluation: about 170 per
     * chunk of 500, so three times the transactions and statements). Not {@code SELECT DISTINCT}, which made H2
     * visit every mark left for each chunk; a partner whose marks straddle a page has all of them found by
     * {@link #marksOf}.
     */
    List<String> partnersAfter(Collection<String> flows, String afterPartnerId, int limit) {
        java.util.LinkedHashSet<String> partners = new java.util.LinkedHashSet<>();
        String after = afterPartnerId;
        while (partners.size() < limit) {
            List<String> page = jdbc.sql(
                            "SELECT partner_id FROM tier_evaluation_due WHERE flow IN (:flows) AND partner_id > :after"
                                    + " ORDER BY partner_id FETCH FIRST " + limit + " ROWS ONLY")
                    .param("flows", flows)
                    .param("after", after)
                    .query(String.class)
                    .list();
            partners.addAll(page);
            if (page.size() < limit) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        // Partners past the limit are the next chunk's first: it starts after this chunk's last partner.
        return partners.stream().limit(limit).toList();
    }

    /** The flows' marks committed for these partners so far: what an evaluation about to read their facts covers. */
    List<Long> marksOf(Collection<String> flows, Collection<String> partnerIds) {
        List<Long> marks = new ArrayList<>();
        for (List<String> list : inLists.of(partnerIds)) {
            marks.addAll(jdbc.sql("SELECT id FROM tier_evaluation_due WHERE flow IN (:flows) AND partner_id IN (:ids)")
                    .param("flows", flows)
                    .param("ids", list)
                    .query(Long.class)
                    .list());
        }
        return marks;
    }

    /** Clears the marks an evaluation covered; a mark made since stays for the next one. */
    void clear(Collection<Long> marks) {
        for (List<Long> list : inLists.of(marks)) {
            jdbc.sql("DELETE FROM tier_evaluation_due WHERE id IN (:ids)")
                    .param("ids", list)
                    .update();
        }
    }
}
