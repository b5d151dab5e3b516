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
 * The partners waiting for a tier evaluation ({@code tier_evaluation_due}): marked inside the transaction that
 * changed their records, cleared by the evaluation that saw those marks.
 */
@Repository
class DueEvaluations {

    private final JdbcClient jdbc;

    DueEvaluations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the partners themselves. */
    void markPartners(Collection<String> partnerIds, Instant now) {
        for (List<String> list : InLists.of(partnerIds)) {
            jdbc.sql("INSERT INTO tier_evaluation_due (partner_id, marked_at) SELECT partner_id, :now"
                            + " FROM partner_account WHERE partner_id IN (:ids)")
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .param("ids", list)
                    .update();
        }
    }

    /**
     * Marks the partners of child rows, found in the store by the rows' keys; table and column names come from a
     * mapping validated against the schema.
     */
    void markPartnersOf(String table, String keyColumn, Collection<String> keys, Instant now) {
        for (List<String> list : InLists.of(keys)) {
            jdbc.sql("INSERT INTO tier_evaluation_due (partner_id, marked_at) SELECT DISTINCT "
                            + TierReevaluation.PARTNER_COLUMN + ", :now FROM " + table + " WHERE " + keyColumn
                            + " IN (:keys)")
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .param("keys", list)
                    .update();
        }
    }

    /** The next partners waiting, in id order after {@code afterPartnerId}. */
    List<String> partnersAfter(String afterPartnerId, int limit) {
        return jdbc.sql("SELECT DISTINCT partner_id FROM tier_evaluation_due WHERE partner_id > :after"
                        + " ORDER BY partner_id FETCH FIRST " + limit + " ROWS ONLY")
                .param("after", afterPartnerId)
                .query(String.class)
                .list();
    }

    /** The marks committed for these partners so far: what an evaluation about to read their facts will cover. */
    List<Long> marksOf(Collection<String> partnerIds) {
        List<Long> marks = new ArrayList<>();
        for (List<String> list : InLists.of(partnerIds)) {
            marks.addAll(jdbc.sql("SELECT id FROM tier_evaluation_due WHERE partner_id IN (:ids)")
                    .param("ids", list)
                    .query(Long.class)
                    .list());
        }
        return marks;
    }

    /** Clears the marks an evaluation covered; a mark made since stays for the next one. */
    void clear(Collection<Long> marks) {
        for (List<Long> list : InLists.of(marks)) {
            jdbc.sql("DELETE FROM tier_evaluation_due WHERE id IN (:ids)")
                    .param("ids", list)
                    .update();
        }
    }
}
