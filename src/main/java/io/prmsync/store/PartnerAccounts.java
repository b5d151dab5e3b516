package io.prmsync.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What other features write to or look up around {@code partner_account} outside the mapped flows: the tier the
 * program decided, and the partner an activity belongs to. The flows write partner rows through
 * {@link PrmRecords}.
 */
@Repository
public class PartnerAccounts {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    private final InLists inLists;

    PartnerAccounts(JdbcClient jdbc, NamedParameterJdbcTemplate batch, InLists inLists) {
        this.inLists = inLists;
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** The engagement figures a partner row shows, as the partner-accounts flow carries them to the Account. */
    public record EngagementShown(
            String stage, Integer risk, Boolean atRisk, Integer points, String reasons, String action) {}

    /**
     * What an evaluation shows on one partner row: its tier, its engagement, or both; a null part is left as the
     * row has it.
     */
    public record RowShows(String tier, EngagementShown engagement) {

        /** These shows with the tier added. */
        public RowShows withTier(String tierCode) {
            return new RowShows(tierCode, engagement);
        }
    }

    /**
     * Shows what an evaluation decided on the partners' rows, one write per row whatever changed, in a batch per
     * kind of change; the partner-accounts flow takes it to Salesforce from there, finding the change by the row's
     * new {@code stamp} (none: the row's own stamp stays, as it is being sent already). A tier and an engagement
     * change of one partner are one row write, not two: each write of a partner row is a new row version and an
     * index entry to commit.
     */
    public void show(Map<String, RowShows> byPartner, Optional<Instant> stamp) {
        Map<String, List<MapSqlParameterSource>> byColumns = new java.util.LinkedHashMap<>();
        byPartner.forEach((partnerId, shows) -> {
            MapSqlParameterSource row = new MapSqlParameterSource().addValue("id", partnerId);
            StringBuilder columns = new StringBuilder();
            if (shows.tier() != null) {
                columns.append(", tier_code = :tier");
                row.addValue("tier", shows.tier());
            }
            if (shows.engagement() != null) {
                EngagementShown values = shows.engagement();
                columns.append(", engagement_stage = :stage, churn_risk = :risk, at_risk = :atRisk,"
                        + " activity_points = :points, churn_reasons = :reasons, next_best_action = :action");
                row.addValue("stage", values.stage())
                        .addValue("risk", values.risk())
                        .addValue("atRisk", values.atRisk())
                        .addValue("points", values.points())
                        .addValue("reasons", values.reasons())
                        .addValue("action", values.action());
            }
            if (columns.isEmpty()) {
                return;
            }
            if (stamp.isPresent()) {
                columns.append(", updated_at = :now");
                row.addValue("now", stamp.get().atOffset(ZoneOffset.UTC));
            }
            byColumns
                    .computeIfAbsent(columns.substring(2), c -> new java.util.ArrayList<>())
                    .add(row);
        });
        byColumns.forEach((columns, rows) -> batch.batchUpdate(
                "UPDATE partner_account SET " + columns + " WHERE partner_id = :id",
                rows.toArray(MapSqlParameterSource[]::new)));
    }

    /** Activity id → its partner's id, for the activities the store holds. */
    public Map<String, String> partnersOfActivities(Collection<String> activityIds) {
        Map<String, String> partners = new HashMap<>();
        for (List<String> ids : inLists.of(activityIds)) {
            jdbc.sql("SELECT activity_id, partner_id FROM activity WHERE activity_id IN (:ids)")
                    .param("ids", ids)
                    .query(rs -> {
                        partners.put(rs.getString(1), rs.getString(2));
                    });
        }
        return partners;
    }
}
