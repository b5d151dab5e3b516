package io.prmsync.program;

import io.prmsync.engagement.EngagementFacts;
import io.prmsync.engagement.EngagementFacts.Activity;
import io.prmsync.engagement.EngagementFacts.Certification;
import io.prmsync.engagement.EngagementFacts.CertificationStatus;
import io.prmsync.engagement.EngagementFacts.DealRegistration;
import io.prmsync.engagement.EngagementFacts.DealStatus;
import io.prmsync.engagement.EngagementFacts.TierPosition;
import io.prmsync.engagement.NextTierGap;
import io.prmsync.store.InLists;
import io.prmsync.store.PartnerAccounts.EngagementShown;
import io.prmsync.store.StoreKind;
import io.prmsync.tier.TierDecision;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads what the engagement rules look at for a chunk of partners, in one query per table, and records the day a
 * deal registration was first seen decided (the store keeps no such day of its own). Soft-deleted rows are left
 * out, which is how a deleted source loses its points.
 */
@Component
class EngagementFactsReader {

    /** Enough history for a 12-month expiry and the longest window of the shipped rules, with room to spare. */
    static final int YEARS_OF_HISTORY = 3;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    private final InLists inLists;
    private final String rememberFirstSeen;

    EngagementFactsReader(JdbcClient jdbc, NamedParameterJdbcTemplate batch, InLists inLists, StoreKind store) {
        this.inLists = inLists;
        // Another node evaluating the same partner may have remembered it first. PostgreSQL's driver sends a batch
        // of plain VALUES inserts as multi-row statements; an INSERT … SELECT would go row by row.
        this.rememberFirstSeen = store.isPostgres()
                ? "INSERT INTO deal_decision (deal_id, partner_id, status, decided_on)"
                        + " VALUES (:deal, :partner, :status, CAST(:day AS DATE)) ON CONFLICT (deal_id) DO NOTHING"
                : "INSERT INTO deal_decision (deal_id, partner_id, status, decided_on)"
                        + " SELECT :deal, :partner, :status, CAST(:day AS DATE)"
                        + " WHERE NOT EXISTS (SELECT 1 FROM deal_decision WHERE deal_id = :deal)";
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * A partner row and what the previous evaluation stored, which the next one compares with; {@code shown} is
     * what the row shows now, so only a change moves its stamp (and reaches Salesforce).
     */
    record PartnerRow(
            String partnerId,
            LocalDate joinedOn,
            Optional<BigDecimal> satisfaction,
            Optional<BigDecimal> previousSatisfaction,
            Optional<String> stage,
            Optional<String> explanationHash,
            EngagementShown shown) {}

    /**
     * The deal decisions a read saw for the first time or changed, which an evaluation that stores its results
     * records ({@link #record}) with its other writes.
     */
    static final class DecisionsSeen {
        private final List<MapSqlParameterSource> firstSeen = new ArrayList<>();
        private final List<MapSqlParameterSource> changed = new ArrayList<>();
    }

    /** The partners' records and the deal decisions seen in them. */
    record FactsRead(Map<String, EngagementFacts> facts, DecisionsSeen decisions) {}

    /**
     * The partners' records, before their tiers are decided (the tier rules count the points these records earn),
     * with the decisions seen, which nothing records until {@link #record} is called.
     */
    FactsRead factsBeforeTiers(Collection<PartnerRow> partners, LocalDate today) {
        DecisionsSeen decisions = new DecisionsSeen();
        return new FactsRead(facts(partners, Map.of(), Map.of(), today, decisions), decisions);
    }

    /** The facts with the tiers just decided. */
    static EngagementFacts withTier(EngagementFacts facts, TierDecision decision) {
        return decision == null
                ? facts
                : facts.withTier(position(decision), NextTierGap.above(decision.tier(), decision.explanation()));
    }

    /**
     * The facts as the store holds them, for a dry run: tiers as last evaluated, no tier gap (it only shapes the
     * actions), and nothing recorded.
     */
    Map<String, EngagementFacts> factsAsStored(Collection<PartnerRow> partners, LocalDate today) {
        return facts(
                partners,
                tierPositions(partners.stream().map(PartnerRow::partnerId).toList()),
                Map.of(),
                today,
                new DecisionsSeen());
    }

    private Map<String, EngagementFacts> facts(
            Collection<PartnerRow> partners,
            Map<String, TierPosition> positions,
            Map<String, Optional<NextTierGap>> gaps,
            LocalDate today,
            DecisionsSeen decisions) {
        List<String> ids = partners.stream().map(PartnerRow::partnerId).toList();
        LocalDate since = today.minusYears(YEARS_OF_HISTORY);
        Map<String, List<Certification>> certifications = certifications(ids);
        Map<String, List<DealRegistration>> deals = deals(ids, since, decisions);
        Map<String, List<Activity>> activities = activities(ids, since);
        Map<String, EngagementFacts> facts = new HashMap<>();
        for (PartnerRow partner : partners) {
            facts.put(
                    partner.partnerId(),
                    new EngagementFacts(
                            partner.partnerId(),
                            partner.joinedOn(),
                            certifications.getOrDefault(partner.partnerId(), List.of()),
                            deals.getOrDefault(partner.partnerId(), List.of()),
                            activities.getOrDefault(partner.partnerId(), List.of()),
                            partner.satisfaction(),
                            partner.previousSatisfaction(),
                            positions.getOrDefault(partner.partnerId(), TierPosition.NONE),
                            gaps.getOrDefault(partner.partnerId(), Optional.empty())));
        }
        return facts;
    }

    /**
     * The partners after {@code afterId} in id order, at most {@code limit}: a dry run's next chunk, whose last row
     * is where the next one starts. Put in the order of the ids (the store's collation, which the next chunk's
     * {@code >} uses): the rows of an {@code IN} list come back in the order the plan reads them, which on
     * PostgreSQL is often the order they were last written.
     */
    List<PartnerRow> partnersAfter(String afterId, int limit) {
        List<String> ids = jdbc.sql("SELECT partner_id FROM partner_account WHERE partner_id > :after"
                        + " AND deleted_at IS NULL ORDER BY partner_id LIMIT :limit")
                .param("after", afterId)
                .param("limit", limit)
                .query(String.class)
                .list();
        List<PartnerRow> rows = partners(ids);
        Map<String, Integer> position = new HashMap<>();
        ids.forEach(id -> position.put(id, position.size()));
        rows.sort(Comparator.comparing(row -> position.get(row.partnerId())));
        return rows;
    }

    private Map<String, TierPosition> tierPositions(List<String> partnerIds) {
        Map<String, TierPosition> positions = new HashMap<>();
        for (List<String> ids : inLists.of(partnerIds)) {
            jdbc.sql("SELECT partner_id, effective_tier_code, grace_until, pending_tier_code FROM tier_membership"
                            + " WHERE partner_id IN (:ids)")
                    .param("ids", ids)
                    .query(rs -> {
                        positions.put(
                                rs.getString("partner_id"),
                                new TierPosition(
                                        Optional.ofNullable(rs.getString("effective_tier_code")),
                                        rs.getString("pending_tier_code") != null,
                                        rs.getObject("grace_until") != null));
                    });
        }
        return positions;
    }

    List<PartnerRow> partners(Collection<String> partnerIds) {
        List<PartnerRow> rows = new ArrayList<>();
        for (List<String> ids : inLists.of(partnerIds)) {
            jdbc.sql("SELECT p.partner_id, p.created_at, p.customer_satisfaction, p.engagement_stage, p.churn_risk,"
                            + " p.at_risk, p.activity_points, p.churn_reasons, p.next_best_action,"
                            + " e.customer_satisfaction AS seen, e.previous_customer_satisfaction AS seen_before,"
                            + " e.stage, e.explanation_hash FROM partner_account p LEFT JOIN partner_engagement e"
                            + " ON e.partner_id = p.partner_id WHERE p.partner_id IN (:ids) AND p.deleted_at IS NULL")
                    .param("ids", ids)
                    .query(rs -> {
                        rows.add(partnerRow(rs));
                    });
        }
        return rows;
    }

    private static PartnerRow partnerRow(ResultSet rs) throws SQLException {
        Optional<BigDecimal> now = Optional.ofNullable(rs.getBigDecimal("customer_satisfaction"));
        Optional<BigDecimal> seen = Optional.ofNullable(rs.getBigDecimal("seen"));
        // The score before the current one: the one seen last if it has changed since, else the one before that.
        Optional<BigDecimal> previous =
                now.isPresent() && seen.isPresent() && now.get().compareTo(seen.get()) != 0
                        ? seen
                        : Optional.ofNullable(rs.getBigDecimal("seen_before"));
        return new PartnerRow(
                rs.getString("partner_id"),
                day(rs.getObject("created_at", OffsetDateTime.class)),
                now,
                previous,
                Optional.ofNullable(rs.getString("stage")),
                Optional.ofNullable(rs.getString("explanation_hash")),
                new EngagementShown(
                        rs.getString("engagement_stage"),
                        (Integer) rs.getObject("churn_risk", Integer.class),
                        (Boolean) rs.getObject("at_risk", Boolean.class),
                        (Integer) rs.getObject("activity_points", Integer.class),
                        rs.getString("churn_reasons"),
                        rs.getString("next_best_action")));
    }

    private Map<String, List<Certification>> certifications(List<String> partnerIds) {
        Map<String, List<Certification>> byPartner = new HashMap<>();
        for (List<String> ids : inLists.of(partnerIds)) {
            jdbc.sql("SELECT certification_id, partner_id, code, issued_on, expires_on, status, created_at"
                            + " FROM certification WHERE partner_id IN (:ids) AND deleted_at IS NULL")
                    .param("ids", ids)
                    .query(rs -> {
                        LocalDate issued = rs.getObject("issued_on", LocalDate.class);
                        byPartner
                                .computeIfAbsent(rs.getString("partner_id"), p -> new ArrayList<>())
                                .add(new Certification(
                                        rs.getString("certification_id"),
                                        rs.getString("code"),
                                        // Learning systems do not always send the day of issue: the day it arrived.
                                        issued != null ? issued : day(rs.getObject("created_at", OffsetDateTime.class)),
                                        Optional.ofNullable(rs.getObject("expires_on", LocalDate.class)),
                                        certificationStatus(rs.getString("status"))));
                    });
        }
        return byPartner;
    }

    /**
     * Deal registrations with the day each was decided, as far as the PRM store saw it: a registration seen
     * waiting (kept in deal_decision) and later decided was decided as of the run that brought the decision; one
     * first seen decided was decided at an unknown time (no day, no row); one taken back to SUBMITTED waits again.
     */
    private Map<String, List<DealRegistration>> deals(List<String> partnerIds, LocalDate since, DecisionsSeen seen) {
        Map<String, List<DealRegistration>> byPartner = new HashMap<>();
        List<MapSqlParameterSource> firstSeen = seen.firstSeen;
        List<MapSqlParameterSource> changed = seen.changed;
        for (List<String> ids : inLists.of(partnerIds)) {
            jdbc.sql("SELECT d.deal_id, d.partner_id, d.created_at, d.updated_at, d.registration_status, d.won,"
                            + " d.closed, d.close_date, d.new_customer, x.decided_on, x.status AS decided_as"
                            + " FROM deal_registration d LEFT JOIN deal_decision x ON x.deal_id = d.deal_id"
                            + " WHERE d.partner_id IN (:ids) AND d.deleted_at IS NULL AND d.created_at >= :since")
                    .param("ids", ids)
                    .param("since", since.atStartOfDay().atOffset(ZoneOffset.UTC))
                    .query(rs -> {
                        DealStatus status = dealStatus(rs.getString("registration_status"));
                        String seenAs = rs.getString("decided_as");
                        Optional<LocalDate> decidedOn =
                                Optional.ofNullable(rs.getObject("decided_on", LocalDate.class));
                        String dealId = rs.getString("deal_id");
                        MapSqlParameterSource row = new MapSqlParameterSource()
                                .addValue("deal", dealId)
                                .addValue("partner", rs.getString("partner_id"))
                                .addValue("status", status.name());
                        if (seenAs == null) {
                            // First seen waiting: remembered, so its decision can be timed. First seen decided:
                            // when is unknown, and nothing needs remembering (most of an org's history).
                            if (status == DealStatus.SUBMITTED) {
                                firstSeen.add(row.addValue("day", null, java.sql.Types.DATE));
                            }
                            decidedOn = Optional.empty();
                        } else if (status == DealStatus.SUBMITTED) {
                            if (!seenAs.equals(status.name())) {
                                changed.add(row.addValue("day", null, java.sql.Types.DATE));
                            }
                            decidedOn = Optional.empty();
                        } else if (seenAs.equals(DealStatus.SUBMITTED.name())) {
                            // Seen waiting, now decided: decided as of the row's last change (the run that
                            // brought the decision).
                            LocalDate day = day(rs.getObject("updated_at", OffsetDateTime.class));
                            changed.add(row.addValue("day", day, java.sql.Types.DATE));
                            decidedOn = Optional.of(day);
                        } else if (!seenAs.equals(status.name())) {
                            // Approved, then rejected: still decided when first decided.
                            changed.add(row.addValue("day", decidedOn.orElse(null), java.sql.Types.DATE));
                        }
                        byPartner
                                .computeIfAbsent(rs.getString("partner_id"), p -> new ArrayList<>())
                                .add(new DealRegistration(
                                        dealId,
                                        day(rs.getObject("created_at", OffsetDateTime.class)),
                                        status,
                                        decidedOn,
                                        rs.getBoolean("won"),
                                        rs.getBoolean("closed"),
                                        Optional.ofNullable(rs.getObject("close_date", LocalDate.class)),
                                        rs.getBoolean("new_customer")));
                    });
        }
        return byPartner;
    }

    /** Records the registrations seen waiting: the status each was last seen with, and the day it was seen decided. */
    void record(DecisionsSeen seen) {
        if (!seen.firstSeen.isEmpty()) {
            batch.batchUpdate(rememberFirstSeen, seen.firstSeen.toArray(MapSqlParameterSource[]::new));
        }
        if (!seen.changed.isEmpty()) {
            batch.batchUpdate(
                    "UPDATE deal_decision SET status = :status, decided_on = :day WHERE deal_id = :deal",
                    seen.changed.toArray(MapSqlParameterSource[]::new));
        }
    }

    private Map<String, List<Activity>> activities(List<String> partnerIds, LocalDate since) {
        Map<String, List<Activity>> byPartner = new HashMap<>();
        for (List<String> ids : inLists.of(partnerIds)) {
            jdbc.sql("SELECT activity_id, partner_id, kind, occurred_at, points FROM activity"
                            + " WHERE partner_id IN (:ids) AND occurred_at >= :since AND deleted_at IS NULL")
                    .param("ids", ids)
                    .param("since", since.atStartOfDay().atOffset(ZoneOffset.UTC))
                    .query(rs -> {
                        byPartner
                                .computeIfAbsent(rs.getString("partner_id"), p -> new ArrayList<>())
                                .add(new Activity(
                                        rs.getString("activity_id"),
                                        rs.getString("kind").trim().toLowerCase(Locale.ROOT),
                                        day(rs.getObject("occurred_at", OffsetDateTime.class)),
                                        rs.getInt("points")));
                    });
        }
        return byPartner;
    }

    private static TierPosition position(TierDecision decision) {
        if (decision == null) {
            return TierPosition.NONE;
        }
        return new TierPosition(
                Optional.of(decision.tier()),
                decision.standing().pendingTier().isPresent(),
                decision.standing().graceUntil().isPresent());
    }

    /** The learning system's words for a certification's state; anything but active counts as not held. */
    static CertificationStatus certificationStatus(String status) {
        String word = Objects.requireNonNullElse(status, "").trim().toUpperCase(Locale.ROOT);
        return switch (word) {
            case "ACTIVE" -> CertificationStatus.ACTIVE;
            case "REVOKED" -> CertificationStatus.REVOKED;
            default -> CertificationStatus.EXPIRED;
        };
    }

    /**
     * The channel manager's decision as the picklist says it (codes or labels in any case): approved (or already
     * converted) or rejected (or withdrawn); anything else is still waiting.
     */
    static DealStatus dealStatus(String status) {
        String word = Objects.requireNonNullElse(status, "").trim().toUpperCase(Locale.ROOT);
        if (word.startsWith("APPROVED") || word.startsWith("CONVERTED")) {
            return DealStatus.APPROVED;
        }
        if (word.startsWith("REJECTED") || word.startsWith("WITHDRAWN")) {
            return DealStatus.REJECTED;
        }
        return DealStatus.SUBMITTED;
    }

    private static LocalDate day(OffsetDateTime at) {
        return at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    }
}
