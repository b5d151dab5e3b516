package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.support.SalesforceRecords;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Certifications synced both ways under their partner account, waiting for it when it is not synced yet. */
abstract class CertificationSyncContract extends SandboxSyncContract {

    static final String CERTIFICATIONS = "certifications";
    /** Valid for a while yet, whenever the suite runs: a fixed date would expire the certification one day. */
    private static final LocalDate EXPIRES =
            LocalDate.now(java.time.ZoneOffset.UTC).plusYears(1);

    @Test
    void aCertificationEarnedInThePrmStoreReachesSalesforceUnderItsPartner() {
        String partnerId = salesforce.org().insert("Account", partner(tag + " certified", "P-" + tag));
        sync.settle(FLOW);

        insertPrmCertification("C-" + tag, "P-" + tag, "SALES-101");
        sync.outbound(CERTIFICATIONS);

        assertThat(certificationsInSalesforce("C-" + tag)).singleElement().satisfies(cert -> {
            assertThat(cert.get("Account__c")).isEqualTo(partnerId);
            assertThat(cert.get("Code__c")).isEqualTo("SALES-101");
            assertThat(cert.get("Expires_Date__c")).hasToString(EXPIRES.toString());
        });
    }

    @Test
    void aCertificationWhosePartnerIsNotInSalesforceYetWaitsAndThenFollowsIt() {
        insertPrmPartner("P-" + tag, tag + " newcomer");
        insertPrmCertification("C-" + tag, "P-" + tag, "TECH-201");

        sync.outbound(CERTIFICATIONS);
        assertThat(certificationsInSalesforce("C-" + tag)).isEmpty();
        assertThat(parked(CERTIFICATIONS, "OUTBOUND", "C-" + tag)).isTrue();

        sync.outbound(FLOW);
        sync.outbound(CERTIFICATIONS);

        String partnerId = accountsWithExternalId("P-" + tag).get(0).get("Id").toString();
        assertThat(certificationsInSalesforce("C-" + tag))
                .singleElement()
                .satisfies(cert -> assertThat(cert.get("Account__c")).isEqualTo(partnerId));
        assertThat(parked(CERTIFICATIONS, "OUTBOUND", "C-" + tag)).isFalse();
    }

    @Test
    void aCertificationFromSalesforceWaitsForItsPartnerThenLandsUnderIt() {
        String partnerId = salesforce.org().insert("Account", Map.of("Name", tag + " sf partner", "IsPartner", true));
        String certId = SalesforceRecords.certification(
                salesforce.org(), partnerId, "C-" + tag, "SALES-101", Map.of("Holder_Name__c", "Ada " + tag));

        sync.inbound(CERTIFICATIONS);
        assertThat(prmCertificationPartner("C-" + tag)).isEmpty();
        assertThat(parked(CERTIFICATIONS, "INBOUND", certId)).isTrue();

        sync.inbound(FLOW);
        sync.inbound(CERTIFICATIONS);

        assertThat(prmCertificationPartner("C-" + tag)).containsExactly("SF-" + partnerId);
        assertThat(parked(CERTIFICATIONS, "INBOUND", certId)).isFalse();
    }

    @Test
    void aParkedCertificationDeletedInSalesforceIsNotBroughtBackWhenItsPartnerArrives() {
        String partnerId = salesforce.org().insert("Account", Map.of("Name", tag + " late partner", "IsPartner", true));
        String certId = SalesforceRecords.certification(salesforce.org(), partnerId, "C-" + tag, "SALES-101");
        sync.inbound(CERTIFICATIONS);
        assertThat(parked(CERTIFICATIONS, "INBOUND", certId)).isTrue();

        salesforce.org().delete(certId);
        sync.inbound(CERTIFICATIONS);
        sync.inbound(FLOW);
        sync.inbound(CERTIFICATIONS);

        assertThat(parked(CERTIFICATIONS, "INBOUND", certId)).isFalse();
        assertThat(prmCertificationPartner("C-" + tag)).isEmpty();
    }

    @Test
    void aHolderCorrectedInSalesforceFlowsBackWhileThePrmStoreKeepsItsCode() {
        salesforce.org().insert("Account", partner(tag + " corrected", "P-" + tag));
        sync.settle(FLOW);
        insertPrmCertification("C-" + tag, "P-" + tag, "SALES-101");
        sync.settle(CERTIFICATIONS);
        String certId = certificationsInSalesforce("C-" + tag).get(0).get("Id").toString();

        salesforce.org().update(certId, Map.of("Holder_Name__c", "Grace Hopper", "Code__c", "HACKED"));
        sync.inbound(CERTIFICATIONS);
        sync.outbound(CERTIFICATIONS);

        assertThat(jdbc.sql("SELECT holder_name || '/' || code FROM certification WHERE certification_id = :k")
                        .param("k", "C-" + tag)
                        .query(String.class)
                        .single())
                .isEqualTo("Grace Hopper/SALES-101");
        assertThat(salesforce.org().findById(certId))
                .get()
                .extracting(r -> r.get("Code__c"))
                .isEqualTo("SALES-101");
    }

    @Test
    void aCertificationRevokedInThePrmStoreStaysRevokedOnBothSides() {
        salesforce.org().insert("Account", partner(tag + " revoked", "P-" + tag));
        sync.settle(FLOW);
        insertPrmCertification("C-" + tag, "P-" + tag, "SALES-101");
        sync.settle(CERTIFICATIONS);

        jdbc.sql("UPDATE certification SET deleted_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP"
                        + " WHERE certification_id = :k")
                .param("k", "C-" + tag)
                .update();
        sync.settle(CERTIFICATIONS);
        sync.settle(CERTIFICATIONS);

        assertThat(certificationsInSalesforce("C-" + tag))
                .singleElement()
                .satisfies(cert -> assertThat(cert.get("Status__c")).isEqualTo("Revoked"));
        assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL FROM certification WHERE certification_id = :k")
                        .param("k", "C-" + tag)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void aCertificationWhosePartnerNeverArrivesBecomesADeadLetterAfterTheParkTimeout() {
        salesforce
                .faults()
                .rejectRecords(
                        "Account",
                        "Name",
                        tag + " never synced",
                        "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                        "Partner is blocked");
        insertPrmPartner("P-" + tag, tag + " never synced");
        insertPrmCertification("C-" + tag, "P-" + tag, "SALES-101");
        sync.outbound(CERTIFICATIONS);
        jdbc.sql("UPDATE parked_record SET parked_at = parked_at - INTERVAL '2' DAY WHERE record_key = :k")
                .param("k", "C-" + tag)
                .update();

        sync.outbound(CERTIFICATIONS);

        assertThat(parked(CERTIFICATIONS, "OUTBOUND", "C-" + tag)).isFalse();
        assertThat(jdbc.sql("SELECT error_code FROM dead_letter WHERE flow = :f AND record_key = :k")
                        .param("f", CERTIFICATIONS)
                        .param("k", "C-" + tag)
                        .query(String.class)
                        .list())
                .containsExactly("PARENT_NOT_SYNCED");
    }

    @Test
    void aRecordTheStoreRefusesBecomesADeadLetterWithoutStoppingItsPage() {
        String partnerId = salesforce.org().insert("Account", partner(tag + " long codes", "P-" + tag));
        sync.settle(FLOW);
        SalesforceRecords.certification(salesforce.org(), partnerId, "C-" + tag + "-long", "X".repeat(100));
        SalesforceRecords.certification(salesforce.org(), partnerId, "C-" + tag + "-ok", "SALES-101");

        sync.inbound(CERTIFICATIONS);

        assertThat(prmCertificationPartner("C-" + tag + "-ok")).containsExactly("P-" + tag);
        assertThat(prmCertificationPartner("C-" + tag + "-long")).isEmpty();
        assertThat(jdbc.sql("SELECT error_code FROM dead_letter WHERE flow = :f AND payload LIKE :p")
                        .param("f", CERTIFICATIONS)
                        .param("p", "%C-" + tag + "-long%")
                        .query(String.class)
                        .list())
                .containsExactly("STORE_CONSTRAINT");
        assertThat(lastRunState(CERTIFICATIONS, "INBOUND")).isEqualTo("SUCCEEDED");
    }

    private void insertPrmCertification(String key, String partnerKey, String code) {
        jdbc.sql("INSERT INTO certification (certification_id, partner_id, code, holder_name, issued_on, expires_on,"
                        + " created_at, updated_at) VALUES (:k, :p, :c, 'Ada Lovelace', :issued, :expires,"
                        + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .param("k", key)
                .param("p", partnerKey)
                .param("c", code)
                .param("issued", LocalDate.parse("2025-07-01"))
                .param("expires", EXPIRES)
                .update();
    }

    private List<Map<String, Object>> certificationsInSalesforce(String key) {
        return salesforce.org().findByField("Partner_Certification__c", "PRM_Certification_Id__c", key).stream()
                .map(HashMap::new)
                .map(m -> (Map<String, Object>) m)
                .toList();
    }

    private List<String> prmCertificationPartner(String key) {
        return jdbc.sql("SELECT partner_id FROM certification WHERE certification_id = :k")
                .param("k", key)
                .query(String.class)
                .list();
    }

    private boolean parked(String flow, String direction, String key) {
        return jdbc.sql("SELECT COUNT(*) FROM parked_record WHERE flow = :f AND direction = :d AND record_key = :k")
                        .param("f", flow)
                        .param("d", direction)
                        .param("k", key)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
