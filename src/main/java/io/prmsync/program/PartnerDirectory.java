package io.prmsync.program;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Partners as the admin API lists them: PRM id, Salesforce id, name, tier. */
@Repository
public class PartnerDirectory {

    private final JdbcClient jdbc;

    PartnerDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record PartnerSummary(String prmId, String salesforceId, String name, String tier) {}

    public record Standing(
            String partnerId,
            String name,
            String tier,
            LocalDate since,
            LocalDate graceUntil,
            String pendingTier,
            String overrideTier,
            LocalDate overrideExpiresOn) {}

    public List<PartnerSummary> page(Optional<String> tier, int page, int size) {
        return page(tier, Optional.empty(), page, size);
    }

    /**
     * Partners by PRM id, optionally of one tier and whose PRM id, Salesforce id or name contains {@code text}
     * (ignoring case; {@code %} and {@code _} are matched as themselves).
     */
    public List<PartnerSummary> page(Optional<String> tier, Optional<String> text, int page, int size) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        tier.ifPresent(t -> params.put("tier", t));
        text.ifPresent(t -> params.put("text", "%" + likeEscaped(t.toLowerCase(java.util.Locale.ROOT)) + "%"));
        return jdbc.sql("SELECT p.partner_id, s.sf_id, p.name, p.tier_code FROM partner_account p"
                        + " LEFT JOIN sync_record_state s ON s.entity = 'partner-account' AND s.prm_key = p.partner_id"
                        + " WHERE p.deleted_at IS NULL" + (tier.isPresent() ? " AND p.tier_code = :tier" : "")
                        + (text.isPresent()
                                ? " AND (LOWER(p.partner_id) LIKE :text ESCAPE '\\' OR LOWER(p.name) LIKE :text"
                                        + " ESCAPE '\\' OR LOWER(s.sf_id) LIKE :text ESCAPE '\\')"
                                : "")
                        + " ORDER BY p.partner_id OFFSET " + (long) page * size + " ROWS FETCH FIRST " + size
                        + " ROWS ONLY")
                .params(params)
                .query((rs, n) ->
                        new PartnerSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A change of a partner's tier, as {@code tier_history} keeps it. */
    public record TierChange(
            String fromTier, String toTier, String kind, java.time.Instant changedAt, String rulesVersion) {}

    /** The partner's tier changes, newest first. */
    public List<TierChange> history(String partnerId) {
        return jdbc.sql("SELECT from_tier_code, to_tier_code, change_kind, changed_at, rules_version"
                        + " FROM tier_history WHERE partner_id = :id ORDER BY changed_at DESC, id DESC")
                .param("id", partnerId)
                .query((rs, n) -> new TierChange(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, java.time.OffsetDateTime.class).toInstant(),
                        rs.getString(5)))
                .list();
    }

    public Optional<Standing> standing(String partnerId) {
        return jdbc.sql("SELECT p.partner_id, p.name, p.tier_code, m.since, m.grace_until, m.pending_tier_code,"
                        + " p.tier_override_code, p.tier_override_expires_on FROM partner_account p"
                        + " LEFT JOIN tier_membership m ON m.partner_id = p.partner_id"
                        + " WHERE p.partner_id = :id AND p.deleted_at IS NULL")
                .param("id", partnerId)
                .query((rs, n) -> new Standing(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getObject(8, LocalDate.class)))
                .optional();
    }
}
