package io.prmsync.program;

import io.prmsync.store.PartnerAccounts;
import io.prmsync.tier.TierDecision;
import io.prmsync.tier.TierStanding;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Partners' standing in the program, their tier history, and the tier shown on the partner row. */
@Repository
class TierMemberships {

    private final JdbcClient jdbc;
    private final PartnerAccounts partners;

    TierMemberships(JdbcClient jdbc, PartnerAccounts partners) {
        this.jdbc = jdbc;
        this.partners = partners;
    }

    /** Standings of the given partners, without overrides (those live on the partner row). */
    Map<String, TierStanding> standings(Collection<String> partnerIds) {
        Map<String, TierStanding> standings = new HashMap<>();
        jdbc.sql("SELECT partner_id, tier_code, since, grace_until, pending_tier_code FROM tier_membership"
                        + " WHERE partner_id IN (:ids)")
                .param("ids", partnerIds)
                .query(rs -> {
                    standings.put(
                            rs.getString("partner_id"),
                            new TierStanding(
                                    Optional.ofNullable(rs.getString("tier_code")),
                                    Optional.ofNullable(rs.getObject("since", LocalDate.class)),
                                    Optional.ofNullable(rs.getObject("grace_until", LocalDate.class)),
                                    Optional.ofNullable(rs.getString("pending_tier_code")),
                                    Optional.empty()));
                });
        return standings;
    }

    void save(
            String partnerId,
            TierDecision decision,
            String explanation,
            String rulesVersion,
            Instant now,
            boolean exists) {
        TierStanding standing = decision.standing();
        Map<String, Object> params = new HashMap<>();
        params.put("id", partnerId);
        params.put("tier", standing.tier().orElse(null));
        params.put("since", standing.since().orElse(now.atOffset(ZoneOffset.UTC).toLocalDate()));
        params.put("grace", standing.graceUntil().orElse(null));
        params.put("pending", standing.pendingTier().orElse(null));
        params.put("effective", decision.tier());
        params.put("version", rulesVersion);
        params.put("explanation", explanation);
        params.put("now", now.atOffset(ZoneOffset.UTC));
        String sql = exists
                ? "UPDATE tier_membership SET tier_code = :tier, since = :since, grace_until = :grace,"
                        + " pending_tier_code = :pending, effective_tier_code = :effective, evaluated_at = :now,"
                        + " rules_version = :version,"
                        + " explanation = :explanation, updated_at = :now WHERE partner_id = :id"
                : "INSERT INTO tier_membership (partner_id, tier_code, since, grace_until, pending_tier_code,"
                        + " effective_tier_code, evaluated_at, rules_version, explanation, created_at, updated_at)"
                        + " VALUES (:id, :tier, :since, :grace, :pending, :effective, :now, :version, :explanation,"
                        + " :now, :now)";
        jdbc.sql(sql).params(params).update();
    }

    void recordChange(
            String partnerId,
            String from,
            String to,
            String kind,
            String rulesVersion,
            String explanation,
            Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", partnerId);
        params.put("from", from);
        params.put("to", to);
        params.put("kind", kind);
        params.put("version", rulesVersion);
        params.put("explanation", explanation);
        params.put("now", now.atOffset(ZoneOffset.UTC));
        jdbc.sql("INSERT INTO tier_history (partner_id, from_tier_code, to_tier_code, change_kind, changed_at,"
                        + " rules_version, explanation) VALUES (:id, :from, :to, :kind, :now, :version, :explanation)")
                .params(params)
                .update();
    }

    /** Shows the partner's tier on its row; the partner-accounts flow takes it to Salesforce from there. */
    void showTier(String partnerId, String tier, Optional<Instant> stamp) {
        partners.showTier(partnerId, tier, stamp);
    }
}
