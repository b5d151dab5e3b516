package io.prmsync.program;

import io.prmsync.store.InLists;
import io.prmsync.store.PartnerAccounts;
import io.prmsync.tier.TierDecision;
import io.prmsync.tier.TierStanding;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Partners' standing in the program, their tier history, and the tier shown on the partner row. */
@Repository
class TierMemberships {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final PartnerAccounts partners;

    private final InLists inLists;

    TierMemberships(JdbcClient jdbc, NamedParameterJdbcTemplate batch, PartnerAccounts partners, InLists inLists) {
        this.inLists = inLists;
        this.jdbc = jdbc;
        this.batch = batch;
        this.partners = partners;
    }

    /** Standings of the given partners, without overrides (those live on the partner row). */
    Map<String, TierStanding> standings(Collection<String> partnerIds) {
        Map<String, TierStanding> standings = new HashMap<>();
        for (List<String> ids : inLists.of(partnerIds)) {
            jdbc.sql("SELECT partner_id, tier_code, since, grace_until, pending_tier_code FROM tier_membership"
                            + " WHERE partner_id IN (:ids)")
                    .param("ids", ids)
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
        }
        return standings;
    }

    /**
     * Of these partners, those whose row was last written by the evaluation that stored their standing: the row's
     * stamp is the standing's, to the microsecond, as that evaluation writes both with one instant. A later write
     * of the row by anyone else gives it another stamp.
     */
    java.util.Set<String> lastWrittenByTheirEvaluation(Collection<String> partnerIds) {
        java.util.Set<String> evaluated = new java.util.HashSet<>();
        for (List<String> ids : inLists.of(partnerIds)) {
            evaluated.addAll(jdbc.sql(
                            "SELECT p.partner_id FROM partner_account p JOIN tier_membership m"
                                    + " ON m.partner_id = p.partner_id WHERE p.partner_id IN (:ids) AND p.updated_at = m.updated_at")
                    .param("ids", ids)
                    .query(String.class)
                    .list());
        }
        return evaluated;
    }

    /** A decision whose standing is to be stored; {@code exists} when the partner has a standing already. */
    record StandingToSave(String partnerId, TierDecision decision, String explanation, boolean exists) {}

    /** A change of the partner's tier, for its history. */
    record TierChange(String partnerId, String from, String to, String kind, String explanation) {}

    /** Stores the standings, in two batches (new partners inserted, the others updated). */
    void saveAll(List<StandingToSave> standings, String rulesVersion, Instant now) {
        List<MapSqlParameterSource> inserts = new ArrayList<>();
        List<MapSqlParameterSource> updates = new ArrayList<>();
        for (StandingToSave save : standings) {
            TierStanding standing = save.decision().standing();
            MapSqlParameterSource row = new MapSqlParameterSource()
                    .addValue("id", save.partnerId())
                    .addValue("tier", standing.tier().orElse(null))
                    .addValue(
                            "since",
                            standing.since().orElse(now.atOffset(ZoneOffset.UTC).toLocalDate()))
                    .addValue("grace", standing.graceUntil().orElse(null))
                    .addValue("pending", standing.pendingTier().orElse(null))
                    .addValue("effective", save.decision().tier())
                    .addValue("version", rulesVersion)
                    .addValue("explanation", save.explanation())
                    .addValue("now", now.atOffset(ZoneOffset.UTC));
            (save.exists() ? updates : inserts).add(row);
        }
        batchUpdate(
                "UPDATE tier_membership SET tier_code = :tier, since = :since, grace_until = :grace,"
                        + " pending_tier_code = :pending, effective_tier_code = :effective, evaluated_at = :now,"
                        + " rules_version = :version, explanation = :explanation, updated_at = :now"
                        + " WHERE partner_id = :id",
                updates);
        batchUpdate(
                "INSERT INTO tier_membership (partner_id, tier_code, since, grace_until, pending_tier_code,"
                        + " effective_tier_code, evaluated_at, rules_version, explanation, created_at, updated_at)"
                        + " VALUES (:id, :tier, :since, :grace, :pending, :effective, :now, :version, :explanation,"
                        + " :now, :now)",
                inserts);
    }

    /** Adds the changes to the partners' tier history, in one batch. */
    void recordChanges(List<TierChange> changes, String rulesVersion, Instant now) {
        batchUpdate(
                "INSERT INTO tier_history (partner_id, from_tier_code, to_tier_code, change_kind, changed_at,"
                        + " rules_version, explanation) VALUES (:id, :from, :to, :kind, :now, :version, :explanation)",
                changes.stream()
                        .map(change -> new MapSqlParameterSource()
                                .addValue("id", change.partnerId())
                                .addValue("from", change.from())
                                .addValue("to", change.to())
                                .addValue("kind", change.kind())
                                .addValue("version", rulesVersion)
                                .addValue("explanation", change.explanation())
                                .addValue("now", now.atOffset(ZoneOffset.UTC)))
                        .toList());
    }

    /**
     * Shows the partners' tiers and engagement on their rows; the partner-accounts flow takes them to Salesforce
     * from there.
     */
    void show(Map<String, PartnerAccounts.RowShows> byPartner, Optional<Instant> stamp) {
        partners.show(byPartner, stamp);
    }

    private void batchUpdate(String sql, List<MapSqlParameterSource> rows) {
        if (!rows.isEmpty()) {
            batch.batchUpdate(sql, rows.toArray(MapSqlParameterSource[]::new));
        }
    }
}
