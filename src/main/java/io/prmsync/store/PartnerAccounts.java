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

    /**
     * Shows each partner's tier on its row (partner id → tier code), in one batch; the partner-accounts flow takes
     * it to Salesforce from there, finding the change by the row's new {@code stamp} (none: the row's own stamp
     * stays, as it is being sent already).
     */
    public void showTiers(Map<String, String> tierByPartner, Optional<Instant> stamp) {
        if (tierByPartner.isEmpty()) {
            return;
        }
        String sql = "UPDATE partner_account SET tier_code = :tier" + (stamp.isPresent() ? ", updated_at = :now" : "")
                + " WHERE partner_id = :id";
        MapSqlParameterSource[] rows = tierByPartner.entrySet().stream()
                .map(shown -> {
                    MapSqlParameterSource row = new MapSqlParameterSource()
                            .addValue("tier", shown.getValue())
                            .addValue("id", shown.getKey());
                    stamp.ifPresent(at -> row.addValue("now", at.atOffset(ZoneOffset.UTC)));
                    return row;
                })
                .toArray(MapSqlParameterSource[]::new);
        batch.batchUpdate(sql, rows);
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
