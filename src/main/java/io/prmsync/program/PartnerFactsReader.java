package io.prmsync.program;

import io.prmsync.store.InLists;
import io.prmsync.tier.PartnerFacts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the tier rules need about a set of partners, read with one query per kind of fact for the whole set, not
 * one per partner.
 */
@Repository
class PartnerFactsReader {

    private final JdbcClient jdbc;

    private final InLists inLists;

    PartnerFactsReader(JdbcClient jdbc, InLists inLists) {
        this.inLists = inLists;
        this.jdbc = jdbc;
    }

    private static final String PARTNER_COLUMNS = "SELECT partner_id, tier_code, tier_override_code,"
            + " tier_override_expires_on, customer_satisfaction FROM partner_account WHERE deleted_at IS NULL";

    /** Up to {@code limit} live partners after {@code afterKey}, in key order. */
    List<PartnerRow> partnersAfter(String afterKey, int limit) {
        return jdbc.sql(PARTNER_COLUMNS + " AND partner_id > :after ORDER BY partner_id FETCH FIRST " + limit
                        + " ROWS ONLY")
                .param("after", afterKey)
                .query(PartnerFactsReader::partner)
                .list();
    }

    /** The live partners among {@code partnerIds}. */
    List<PartnerRow> partners(Collection<String> partnerIds) {
        List<PartnerRow> rows = new ArrayList<>();
        for (List<String> ids : inLists.of(partnerIds.stream().sorted().toList())) {
            rows.addAll(jdbc.sql(PARTNER_COLUMNS + " AND partner_id IN (:ids) ORDER BY partner_id")
                    .param("ids", ids)
                    .query(PartnerFactsReader::partner)
                    .list());
        }
        return rows;
    }

    private static PartnerRow partner(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new PartnerRow(
                rs.getString("partner_id"),
                rs.getString("tier_code"),
                rs.getString("tier_override_code"),
                rs.getObject("tier_override_expires_on", LocalDate.class),
                rs.getBigDecimal("customer_satisfaction"));
    }

    /** Facts of the given partners; deals won before {@code wonSince} cannot count in any window and are skipped. */
    Map<String, PartnerFacts> facts(Collection<PartnerRow> partners, LocalDate wonSince) {
        Map<String, List<PartnerFacts.Certification>> certifications = new HashMap<>();
        Map<String, List<PartnerFacts.Deal>> deals = new HashMap<>();
        for (List<String> ids :
                inLists.of(partners.stream().map(PartnerRow::partnerId).toList())) {
            readFacts(ids, wonSince, certifications, deals);
        }
        Map<String, PartnerFacts> facts = new LinkedHashMap<>();
        for (PartnerRow partner : partners) {
            String id = partner.partnerId();
            facts.put(
                    id,
                    new PartnerFacts(
                            id,
                            certifications.getOrDefault(id, List.of()),
                            deals.getOrDefault(id, List.of()),
                            // Activity points are the engagement ledger's (TierEvaluation adds them).
                            List.of(),
                            Optional.ofNullable(partner.customerSatisfaction())));
        }
        return facts;
    }

    /** The certifications and the deals won of one list of partners. */
    private void readFacts(
            List<String> ids,
            LocalDate wonSince,
            Map<String, List<PartnerFacts.Certification>> certifications,
            Map<String, List<PartnerFacts.Deal>> deals) {
        jdbc.sql("SELECT partner_id, code, issued_on, expires_on FROM certification WHERE partner_id IN (:ids)"
                        + " AND deleted_at IS NULL AND issued_on IS NOT NULL")
                .param("ids", ids)
                .query(rs -> {
                    certifications
                            .computeIfAbsent(rs.getString("partner_id"), k -> new ArrayList<>())
                            .add(new PartnerFacts.Certification(
                                    rs.getString("code"),
                                    rs.getObject("issued_on", LocalDate.class),
                                    Optional.ofNullable(rs.getObject("expires_on", LocalDate.class))));
                });
        jdbc.sql("SELECT partner_id, COALESCE(opportunity_amount, amount) AS amount, currency, close_date,"
                        + " new_customer FROM deal_registration WHERE partner_id IN (:ids) AND deleted_at IS NULL"
                        + " AND won = TRUE AND close_date >= :since AND COALESCE(opportunity_amount, amount) IS NOT NULL"
                        + " AND currency IS NOT NULL")
                .param("ids", ids)
                .param("since", wonSince)
                .query(rs -> {
                    deals.computeIfAbsent(rs.getString("partner_id"), k -> new ArrayList<>())
                            .add(new PartnerFacts.Deal(
                                    rs.getBigDecimal("amount"),
                                    rs.getString("currency"),
                                    true,
                                    rs.getObject("close_date", LocalDate.class),
                                    rs.getBoolean("new_customer")));
                });
    }

    /** A partner's row as the tier evaluation needs it. */
    record PartnerRow(
            String partnerId,
            String tierCode,
            String overrideTier,
            LocalDate overrideExpiresOn,
            BigDecimal customerSatisfaction) {}
}
