package io.prmsync.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    PartnerAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Shows the partner's tier on its row; the partner-accounts flow takes it to Salesforce from there, finding
     * the change by the row's new {@code stamp} (none: the row's own stamp stays, as it is being sent already).
     */
    public void showTier(String partnerId, String tier, Optional<Instant> stamp) {
        Map<String, Object> params = new HashMap<>();
        params.put("tier", tier);
        params.put("id", partnerId);
        stamp.ifPresent(at -> params.put("now", at.atOffset(ZoneOffset.UTC)));
        jdbc.sql("UPDATE partner_account SET tier_code = :tier" + (stamp.isPresent() ? ", updated_at = :now" : "")
                        + " WHERE partner_id = :id")
                .params(params)
                .update();
    }

    /** Activity id → its partner's id, for the activities the store holds. */
    public Map<String, String> partnersOfActivities(Collection<String> activityIds) {
        Map<String, String> partners = new HashMap<>();
        for (List<String> ids : InLists.of(activityIds)) {
            jdbc.sql("SELECT activity_id, partner_id FROM activity WHERE activity_id IN (:ids)")
                    .param("ids", ids)
                    .query(rs -> {
                        partners.put(rs.getString(1), rs.getString(2));
                    });
        }
        return partners;
    }
}
