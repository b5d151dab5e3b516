package io.prmsync.program;

import io.prmsync.engagement.EngagementAssessment;
import io.prmsync.engagement.LedgerEntry;
import io.prmsync.store.InLists;
import io.prmsync.store.PartnerAccounts.EngagementShown;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Where engagement is kept: the points ledger, each partner's evaluation with its history, the partner row. */
@Component
public class EngagementStore {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    private final EngagementChangeMetrics metrics;

    private final InLists inLists;

    EngagementStore(
            JdbcClient jdbc, NamedParameterJdbcTemplate batch, EngagementChangeMetrics metrics, InLists inLists) {
        this.inLists = inLists;
        this.jdbc = jdbc;
        this.batch = batch;
        this.metrics = metrics;
    }

    /** A ledger entry as booked. */
    record Booked(String partnerId, String kind, int points, LocalDate earnedOn, boolean reversed) {}

    /**
     * What the ledger holds for these partners now, by source: their own entries, and any entry of a source they
     * earn now that another partner held (a record moved to this partner), which {@link #syncLedger} takes over
     * rather than books twice. Read before the evaluation writes anything (see {@link TierEvaluation}).
     */
    Map<String, Booked> booked(Collection<String> partnerIds, Map<String, List<LedgerEntry>> earned) {
        Map<String, Booked> booked = new HashMap<>();
        // The partners' own entries, and any entry of a source they earn now that another partner held (a record
        // moved to this partner): it is taken over, not booked twice.
        for (List<String> ids : inLists.of(partnerIds)) {
            readBooked("partner_id", ids, booked);
        }
        List<String> sources = earned.values().stream()
                .flatMap(List::stream)
                .map(LedgerEntry::source)
                .filter(source -> !booked.containsKey(source))
                .toList();
        for (List<String> chunk : inLists.of(sources)) {
            readBooked("source", chunk, booked);
        }
        return booked;
    }

    /**
     * Makes the ledger of these partners what their records earn now, against what {@link #booked} read: new
     * entries are booked, changed ones corrected, entries whose source no longer earns are reversed (kept, with the
     * time), and one that earns again is restored. Keyed by source, so booking the same records twice changes
     * nothing.
     */
    void syncLedger(
            Collection<String> partnerIds,
            Map<String, List<LedgerEntry>> earned,
            Map<String, Booked> booked,
            LocalDate since,
            Instant now) {
        List<MapSqlParameterSource> inserts = new ArrayList<>();
        List<MapSqlParameterSource> updates = new ArrayList<>();
        Map<String, Booked> stillEarned = new HashMap<>();
        earned.forEach((partnerId, entries) -> entries.forEach(entry -> {
            Booked want = new Booked(partnerId, entry.kind(), entry.points(), entry.earnedOn(), false);
            stillEarned.put(entry.source(), want);
            Booked have = booked.get(entry.source());
            if (!want.equals(have)) {
                MapSqlParameterSource row = new MapSqlParameterSource()
                        .addValue("source", entry.source())
                        .addValue("partner", partnerId)
                        .addValue("kind", entry.kind())
                        .addValue("points", entry.points())
                        .addValue("earned", entry.earnedOn())
                        .addValue("now", now.atOffset(ZoneOffset.UTC));
                (have == null ? inserts : updates).add(row);
            }
        }));
        List<MapSqlParameterSource> reversals = new ArrayList<>();
        booked.forEach((source, have) -> {
            // An entry older than the facts read (the history window) has expired rather than been taken back.
            if (!have.reversed()
                    && !stillEarned.containsKey(source)
                    && partnerIds.contains(have.partnerId())
                    && !have.earnedOn().isBefore(since)) {
                reversals.add(new MapSqlParameterSource()
                        .addValue("source", source)
                        .addValue("now", now.atOffset(ZoneOffset.UTC)));
            }
        });
        batchUpdate(
                "INSERT INTO engagement_point (source, partner_id, kind, points, earned_on, recorded_at)"
                        + " VALUES (:source, :partner, :kind, :points, :earned, :now)",
                inserts);
        batchUpdate(
                "UPDATE engagement_point SET partner_id = :partner, kind = :kind, points = :points,"
                        + " earned_on = :earned, recorded_at = :now, reversed_at = NULL WHERE source = :source",
                updates);
        batchUpdate("UPDATE engagement_point SET reversed_at = :now WHERE source = :source", reversals);
    }

    private void readBooked(String column, List<String> values, Map<String, Booked> booked) {
        jdbc.sql("SELECT source, partner_id, kind, points, earned_on, reversed_at FROM engagement_point WHERE " + column
                        + " IN (:values)")
                .param("values", values)
                .query(rs -> {
                    booked.put(
                            rs.getString("source"),
                            new Booked(
                                    rs.getString("partner_id"),
                                    rs.getString("kind"),
                                    rs.getInt("points"),
                                    rs.getObject("earned_on", LocalDate.class),
                                    rs.getObject("reversed_at") != null));
                });
    }

    /** One partner's evaluation as it is to be stored, and what its row should show. */
    record Evaluated(
            EngagementAssessment assessment,
            String explanation,
            String explanationHash,
            String stageExplanation,
            Optional<String> hashBefore,
            Optional<String> stageBefore,
            EngagementShown shownBefore,
            EngagementShown shown,
            Optional<java.math.BigDecimal> satisfaction,
            Optional<java.math.BigDecimal> previousSatisfaction) {}

    /**
     * Stores the evaluations and a history row per stage change; returns what the partner rows whose shown values
     * change are to show, which the tier evaluation writes with their tiers (one write per row).
     */
    Map<String, EngagementShown> save(List<Evaluated> evaluations, Instant now) {
        List<MapSqlParameterSource> inserts = new ArrayList<>();
        List<MapSqlParameterSource> updates = new ArrayList<>();
        List<MapSqlParameterSource> history = new ArrayList<>();
        Map<String, EngagementShown> shown = new HashMap<>();
        List<String> stagesReached = new ArrayList<>();
        List<Boolean> riskChanges = new ArrayList<>();
        for (Evaluated evaluated : evaluations) {
            EngagementAssessment assessment = evaluated.assessment();
            // The partner row first: another writer of engagement_stage, or a change of what it shows, is put
            // right even when the evaluation itself found nothing new.
            if (!Objects.equals(evaluated.shown(), evaluated.shownBefore())) {
                shown.put(assessment.partnerId(), evaluated.shown());
            }
            if (evaluated.hashBefore().equals(Optional.of(evaluated.explanationHash()))) {
                // Nothing new since the last evaluation: stage, risk, points and actions all equal.
                continue;
            }
            MapSqlParameterSource row = new MapSqlParameterSource()
                    .addValue("id", assessment.partnerId())
                    .addValue("stage", assessment.stage())
                    .addValue("risk", assessment.risk())
                    .addValue("atRisk", assessment.atRisk())
                    .addValue("points", assessment.points())
                    .addValue("reasons", evaluated.shown().reasons())
                    .addValue("action", evaluated.shown().action())
                    .addValue("satisfaction", evaluated.satisfaction().orElse(null))
                    .addValue("previous", evaluated.previousSatisfaction().orElse(null))
                    .addValue("version", assessment.rulesVersion())
                    .addValue("explanation", evaluated.explanation())
                    .addValue("hash", evaluated.explanationHash())
                    .addValue("now", now.atOffset(ZoneOffset.UTC));
            // A stored evaluation always has its hash: the partner has a row to update.
            (evaluated.hashBefore().isPresent() ? updates : inserts).add(row);
            if (!Objects.equals(
                            evaluated.shownBefore().atRisk(), evaluated.shown().atRisk())
                    && evaluated.shownBefore().atRisk() != null) {
                riskChanges.add(assessment.atRisk());
            }
            if (!evaluated.stageBefore().equals(Optional.of(assessment.stage()))) {
                stagesReached.add(assessment.stage());
                history.add(new MapSqlParameterSource()
                        .addValue("id", assessment.partnerId())
                        .addValue("from", evaluated.stageBefore().orElse(null))
                        .addValue("to", assessment.stage())
                        .addValue("now", now.atOffset(ZoneOffset.UTC))
                        .addValue("version", assessment.rulesVersion())
                        .addValue("explanation", evaluated.stageExplanation()));
            }
        }
        batchUpdate(
                "UPDATE partner_engagement SET stage = :stage, churn_risk = :risk, at_risk = :atRisk, points = :points,"
                        + " top_reasons = :reasons, next_action = :action, customer_satisfaction = :satisfaction,"
                        + " previous_customer_satisfaction = :previous, rules_version = :version,"
                        + " explanation = :explanation, explanation_hash = :hash, evaluated_at = :now"
                        + " WHERE partner_id = :id",
                updates);
        batchUpdate(
                "INSERT INTO partner_engagement (partner_id, stage, churn_risk, at_risk, points, top_reasons,"
                        + " next_action, customer_satisfaction, previous_customer_satisfaction, rules_version,"
                        + " explanation, explanation_hash, evaluated_at) VALUES (:id, :stage, :risk, :atRisk, :points,"
                        + " :reasons, :action, :satisfaction, :previous, :version, :explanation, :hash, :now)",
                inserts);
        batchUpdate(
                "INSERT INTO engagement_history (partner_id, from_stage, to_stage, changed_at, rules_version,"
                        + " explanation) VALUES (:id, :from, :to, :now, :version, :explanation)",
                history);
        metrics.recorded(stagesReached, riskChanges);
        return shown;
    }

    /** A live partner's stored evaluation (its explanation, JSON), if it has been evaluated. */
    Optional<String> explanation(String partnerId) {
        // A partner deleted since keeps its last evaluation in the store, but has none to show.
        return jdbc.sql("SELECT e.explanation FROM partner_engagement e JOIN partner_account p"
                        + " ON p.partner_id = e.partner_id WHERE e.partner_id = :id AND p.deleted_at IS NULL")
                .param("id", partnerId)
                .query(String.class)
                .optional();
    }

    /** A stage change. */
    public record StageChange(String from, String to, Instant changedAt, String rulesVersion) {}

    /** A partner's stage changes, newest first. */
    List<StageChange> history(String partnerId) {
        return jdbc.sql("SELECT from_stage, to_stage, changed_at, rules_version FROM engagement_history"
                        + " WHERE partner_id = :id ORDER BY changed_at DESC, id DESC")
                .param("id", partnerId)
                .query((rs, n) -> new StageChange(
                        rs.getString("from_stage"),
                        rs.getString("to_stage"),
                        rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
                        rs.getString("rules_version")))
                .list();
    }

    /** What one source earned, and when it stopped earning if it did. */
    public record Points(
            String source, String kind, int points, LocalDate earnedOn, Instant recordedAt, Instant reversedAt) {}

    /** The points ledger of a partner, newest first. */
    List<Points> ledger(String partnerId) {
        return jdbc.sql("SELECT source, kind, points, earned_on, recorded_at, reversed_at FROM engagement_point"
                        + " WHERE partner_id = :id ORDER BY earned_on DESC, source")
                .param("id", partnerId)
                .query((rs, n) -> new Points(
                        rs.getString("source"),
                        rs.getString("kind"),
                        rs.getInt("points"),
                        rs.getObject("earned_on", LocalDate.class),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("reversed_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant)
                                .orElse(null)))
                .list();
    }

    /** A partner at risk, as the at-risk list shows it. */
    public record AtRisk(
            String partnerId,
            String name,
            String stage,
            int churnRisk,
            String topReasons,
            String nextAction,
            int points,
            Instant evaluatedAt) {}

    /** Partners at or above a churn risk, riskiest first. */
    List<AtRisk> atRisk(int minimum, int limit) {
        return jdbc.sql("SELECT e.partner_id, p.name, e.stage, e.churn_risk, e.top_reasons, e.next_action,"
                        + " e.points, e.evaluated_at FROM partner_engagement e JOIN partner_account p"
                        + " ON p.partner_id = e.partner_id WHERE e.churn_risk >= :min AND p.deleted_at IS NULL"
                        + " ORDER BY e.churn_risk DESC, e.partner_id LIMIT :limit")
                .param("min", minimum)
                .param("limit", limit)
                .query((rs, n) -> new AtRisk(
                        rs.getString("partner_id"),
                        rs.getString("name"),
                        rs.getString("stage"),
                        rs.getInt("churn_risk"),
                        rs.getString("top_reasons"),
                        rs.getString("next_action"),
                        rs.getInt("points"),
                        rs.getObject("evaluated_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private void batchUpdate(String sql, List<MapSqlParameterSource> rows) {
        if (!rows.isEmpty()) {
            batch.batchUpdate(sql, rows.toArray(MapSqlParameterSource[]::new));
        }
    }
}
