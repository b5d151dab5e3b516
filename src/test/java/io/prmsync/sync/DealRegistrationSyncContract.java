package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deal registrations as Salesforce PRM does them: a Lead of the deal-registration record type, approved and
 * converted in Salesforce, whose Opportunity then reports how the deal ends.
 */
abstract class DealRegistrationSyncContract extends SandboxSyncContract {

    static final String DEALS = "deal-registrations";
    static final String OUTCOMES = "deal-outcomes";
    /** Ahead of whenever the suite runs, as a deal's expected close is. */
    private static final LocalDate CLOSE =
            LocalDate.now(java.time.ZoneOffset.UTC).plusMonths(4);

    String recordTypeId;
    String partnerId;

    @BeforeEach
    void dealRegistrationRecordTypeAndAPartner() {
        recordTypeId = salesforce.org().findByField("RecordType", "DeveloperName", "Deal_Registration").stream()
                .map(r -> r.get("Id").toString())
                .findFirst()
                .orElseGet(() -> salesforce
                        .org()
                        .insert(
                                "RecordType",
                                Map.of(
                                        "Name",
                                        "Deal Registration",
                                        "DeveloperName",
                                        "Deal_Registration",
                                        "SobjectType",
                                        "Lead")));
        partnerId = salesforce.org().insert("Account", partner(tag + " reseller", "P-" + tag));
        sync.settle(FLOW);
    }

    @Test
    void aDealRegisteredInThePortalBecomesADealRegistrationLeadUnderItsPartner() {
        registerDeal("D-" + tag);

        sync.outbound(DEALS);

        assertThat(lead("D-" + tag)).satisfies(lead -> {
            assertThat(lead.get("RecordTypeId")).isEqualTo(recordTypeId);
            assertThat(lead.get("PartnerAccountId")).isEqualTo(partnerId);
            assertThat(lead.get("Company")).isEqualTo("Globex " + tag);
            assertThat(lead.get("Registration_Status__c")).isEqualTo("SUBMITTED");
            assertThat(new BigDecimal(lead.get("Deal_Amount__c").toString())).isEqualByComparingTo("25000");
            assertThat(lead.get("New_Customer__c")).isEqualTo(true);
        });
    }

    @Test
    void aContactNameLongerThanTheLeadHoldsIsCutAsTheMappingSaysAndTheOtherDealsGoOut() {
        registerDeal("D-" + tag);
        registerDeal("D-" + tag + "-long");
        String longName = "Wolfeschlegelsteinhausenbergerdorff".repeat(3);
        jdbc.sql("UPDATE deal_registration SET customer_contact = :name WHERE deal_id = :k")
                .param("name", longName)
                .param("k", "D-" + tag + "-long")
                .update();

        sync.outbound(DEALS);

        assertThat(lead("D-" + tag + "-long").get("LastName")).isEqualTo(longName.substring(0, 80));
        assertThat(lead("D-" + tag).get("LastName")).isEqualTo("Smith");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dead_letter WHERE record_key LIKE :k")
                        .param("k", "D-" + tag + "%")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(deal("D-" + tag + "-long", "customer_contact"))
                .as("the PRM store keeps it whole")
                .isEqualTo(longName);

        // Salesforce's echo holds the cut value: that is what went out, so it is not sent again and again.
        long writesBefore = collectionWrites();
        sync.inbound(DEALS);
        sync.outbound(DEALS);
        sync.inbound(DEALS);
        sync.outbound(DEALS);
        assertThat(collectionWrites()).isEqualTo(writesBefore);
        assertThat(deal("D-" + tag + "-long", "customer_contact")).isEqualTo(longName);
        // Nor does the reconciliation call a value held cut as the mapping says a difference.
        Map<String, Object> report = http.exchange(
                        "/api/sync/" + DEALS + "/reconciliation",
                        org.springframework.http.HttpMethod.GET,
                        new org.springframework.http.HttpEntity<>(authorized()),
                        Map.class)
                .getBody();
        assertThat(((java.util.List<?>) report.get("differing")).size())
                .as("every differing record is listed, so a missing one is really missing")
                .isEqualTo(((Number) report.get("differingCount")).intValue());
        assertThat(report.get("differing").toString()).doesNotContain("D-" + tag);
    }

    @Test
    void anApprovalMadeInSalesforceComesBackToThePortal() {
        registerDeal("D-" + tag);
        sync.settle(DEALS);

        salesforce.org().update(lead("D-" + tag).get("Id").toString(), Map.of("Registration_Status__c", "APPROVED"));
        sync.inbound(DEALS);

        assertThat(deal("D-" + tag, "registration_status")).isEqualTo("APPROVED");
    }

    @Test
    void aConvertedDealFollowsItsOpportunityUntilItIsWon() {
        registerDeal("D-" + tag);
        sync.settle(DEALS);
        String opportunityId = salesforce
                .org()
                .insert(
                        "Opportunity",
                        Map.of(
                                "Name",
                                "Globex " + tag,
                                "StageName",
                                "Prospecting",
                                "CloseDate",
                                CLOSE,
                                "Amount",
                                30000,
                                "PartnerAccountId",
                                partnerId,
                                "PRM_Deal_Id__c",
                                "D-" + tag));
        salesforce
                .org()
                .update(
                        lead("D-" + tag).get("Id").toString(),
                        Map.of("IsConverted", true, "ConvertedOpportunityId", opportunityId));

        sync.inbound(DEALS);
        sync.inbound(OUTCOMES);
        assertThat(deal("D-" + tag, "sf_opportunity_id")).isEqualTo(opportunityId);
        assertThat(deal("D-" + tag, "stage")).isEqualTo("Prospecting");

        salesforce.org().update(opportunityId, Map.of("StageName", "Closed Won"));
        sync.inbound(OUTCOMES);

        assertThat(deal("D-" + tag, "stage")).isEqualTo("Closed Won");
        assertThat(deal("D-" + tag, "won")).isEqualTo(true);
        assertThat(deal("D-" + tag, "closed")).isEqualTo(true);
        assertThat(new BigDecimal(deal("D-" + tag, "opportunity_amount").toString()))
                .isEqualByComparingTo("30000");
    }

    @Test
    void anOpportunityForADealThePortalNeverHadIsNotImported() {
        salesforce
                .org()
                .insert(
                        "Opportunity",
                        Map.of(
                                "Name",
                                "Stray " + tag,
                                "StageName",
                                "Prospecting",
                                "CloseDate",
                                CLOSE,
                                "PRM_Deal_Id__c",
                                "D-" + tag + "-stray"));

        sync.inbound(OUTCOMES);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM deal_registration WHERE deal_id = :k")
                        .param("k", "D-" + tag + "-stray")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(lastRunState(OUTCOMES, "INBOUND")).isEqualTo("SUCCEEDED");
    }

    @Test
    void anOutcomeThatArrivesBeforeItsDealWaitsAndIsAppliedWhenTheDealArrives() {
        salesforce
                .org()
                .insert(
                        "Opportunity",
                        Map.of(
                                "Name",
                                "Early " + tag,
                                "StageName",
                                "Closed Won",
                                "CloseDate",
                                LocalDate.parse("2026-10-31"),
                                "Amount",
                                42000,
                                "PRM_Deal_Id__c",
                                "D-" + tag));
        sync.inbound(OUTCOMES);

        registerDeal("D-" + tag);
        sync.inbound(OUTCOMES);

        assertThat(deal("D-" + tag, "won")).isEqualTo(true);
        assertThat(new BigDecimal(deal("D-" + tag, "opportunity_amount").toString()))
                .isEqualByComparingTo("42000");
    }

    private void registerDeal(String key) {
        jdbc.sql("INSERT INTO deal_registration (deal_id, partner_id, customer_company, customer_contact, amount,"
                        + " currency, expected_close_date, new_customer, created_at, updated_at) VALUES (:k, :p,"
                        + " :company, 'Smith', 25000, 'USD', :close, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .param("k", key)
                .param("p", "P-" + tag)
                .param("company", "Globex " + tag)
                .param("close", CLOSE)
                .update();
    }

    private Map<String, Object> lead(String key) {
        List<Map<String, Object>> leads = salesforce.org().findByField("Lead", "PRM_Deal_Id__c", key);
        assertThat(leads).hasSize(1);
        return leads.get(0);
    }

    private Object deal(String key, String column) {
        return jdbc.sql("SELECT " + column + " FROM deal_registration WHERE deal_id = :k")
                .param("k", key)
                .query((rs, n) -> rs.getObject(1))
                .single();
    }
}
