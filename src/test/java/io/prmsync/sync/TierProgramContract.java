package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tier rules applied to synced partners, their history kept, and the tier carried to Salesforce. */
abstract class TierProgramContract extends SandboxSyncContract {

    private final LocalDate today = LocalDate.now();

    @Test
    void aCertifiedPartnerWithEnoughRevenueBecomesSilverWithAnExplanationAndSalesforceSeesIt() {
        String id = salesforce.org().insert("Account", partner(tag + " rising", "P-" + tag));
        sync.settle(FLOW);
        certify("P-" + tag, "SALES-101");
        winDeal("P-" + tag, 60000);

        evaluateTiers();
        sync.outbound(FLOW);

        assertThat(tierOf("P-" + tag)).isEqualTo("SILVER");
        assertThat(jdbc.sql("SELECT COALESCE(from_tier_code, '-') || '>' || to_tier_code || ' ' || rules_version"
                        + " FROM tier_history WHERE partner_id = :k ORDER BY id").param("k", "P-" + tag)
                .query(String.class).list()).containsExactly("->REGISTERED 2025.1", "REGISTERED>SILVER 2025.1");
        assertThat(jdbc.sql("SELECT explanation FROM tier_membership WHERE partner_id = :k").param("k", "P-" + tag)
                .query(String.class).single()).contains("Promoted REGISTERED → SILVER: all 2 promote-when criteria met")
                .contains("closed-won revenue in USD in the last 12 months");
        assertThat(salesforce.org().findById(id)).get().extracting(r -> r.get("Partner_Tier__c")).isEqualTo("SILVER");
    }

    @Test
    void aCertificationSyncedFromSalesforcePromotesItsPartnerAndSalesforceHearsInTheSameRun() {
        String id = salesforce.org().insert("Account", partner(tag + " learner", "P-" + tag));
        sync.settle(FLOW);
        winDeal("P-" + tag, 60000);
        evaluateTiers();
        assertThat(tierOf("P-" + tag)).isEqualTo("REGISTERED");

        salesforce.org().insert("Partner_Certification__c", Map.of("Account__c", id, "Code__c", "SALES-101",
                "Issued_Date__c", today.minusDays(10), "Expires_Date__c", today.plusDays(700),
                "PRM_Certification_Id__c", "C-" + tag));
        sync.inbound("certifications");

        assertThat(tierOf("P-" + tag)).isEqualTo("SILVER");
        assertThat(salesforce.org().findById(id)).get().extracting(r -> r.get("Partner_Tier__c")).isEqualTo("SILVER");
    }

    @Test
    void aPartnerWithNothingYetHoldsTheEntryTier() {
        salesforce.org().insert("Account", partner(tag + " newcomer", "P-" + tag));
        sync.settle(FLOW);

        evaluateTiers();

        assertThat(tierOf("P-" + tag)).isEqualTo("REGISTERED");
    }

    @Test
    void aChannelManagersOverrideInSalesforceWinsUntilItExpires() {
        String id = salesforce.org().insert("Account", partner(tag + " favoured", "P-" + tag));
        sync.settle(FLOW);
        evaluateTiers();

        salesforce.org().update(id, Map.of("Partner_Tier_Override__c", "GOLD",
                "Partner_Tier_Override_Expires__c", today.plusDays(30)));
        sync.inbound(FLOW);
        evaluateTiers();
        sync.outbound(FLOW);

        assertThat(tierOf("P-" + tag)).isEqualTo("GOLD");
        assertThat(jdbc.sql("SELECT change_kind FROM tier_history WHERE partner_id = :k AND to_tier_code = 'GOLD'")
                .param("k", "P-" + tag).query(String.class).list()).containsExactly("Overridden");
        assertThat(salesforce.org().findById(id)).get().extracting(r -> r.get("Partner_Tier__c")).isEqualTo("GOLD");

        jdbc.sql("UPDATE partner_account SET tier_override_expires_on = :past WHERE partner_id = :k")
                .param("past", today.minusDays(1)).param("k", "P-" + tag).update();
        evaluateTiers();

        assertThat(tierOf("P-" + tag)).isEqualTo("REGISTERED");
    }

    private void evaluateTiers() {
        template.sendBody("direct:tier-evaluation", null);
    }

    private String tierOf(String key) {
        return jdbc.sql("SELECT tier_code FROM partner_account WHERE partner_id = :k").param("k", key)
                .query(String.class).single();
    }

    private void certify(String partner, String code) {
        jdbc.sql("INSERT INTO certification (certification_id, partner_id, code, issued_on, expires_on, created_at,"
                        + " updated_at) VALUES (:id, :p, :c, :issued, :expires, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .param("id", "C-" + tag + "-" + code).param("p", partner).param("c", code)
                .param("issued", today.minusDays(100)).param("expires", today.plusDays(300)).update();
    }

    private void winDeal(String partner, int amount) {
        jdbc.sql("INSERT INTO deal_registration (deal_id, partner_id, customer_company, amount, currency, won, closed,"
                        + " close_date, new_customer, created_at, updated_at) VALUES (:id, :p, 'Initech', :amount,"
                        + " 'USD', TRUE, TRUE, :closed, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .param("id", "D-" + tag + "-" + amount).param("p", partner).param("amount", amount)
                .param("closed", today.minusDays(30)).update();
    }
}
