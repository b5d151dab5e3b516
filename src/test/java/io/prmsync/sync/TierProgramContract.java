package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.program.TierEvaluation;
import io.prmsync.support.SalesforceRecords;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The tier rules applied to synced partners, their history kept, and the tier carried to Salesforce. */
@SuppressWarnings({"unchecked", "rawtypes"})
abstract class TierProgramContract extends SandboxSyncContract {

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @Autowired
    TierEvaluation tierEvaluation;

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
                                + " FROM tier_history WHERE partner_id = :k ORDER BY id")
                        .param("k", "P-" + tag)
                        .query(String.class)
                        .list())
                .containsExactly("->REGISTERED 2025.1", "REGISTERED>SILVER 2025.1");
        assertThat(jdbc.sql("SELECT explanation FROM tier_membership WHERE partner_id = :k")
                        .param("k", "P-" + tag)
                        .query(String.class)
                        .single())
                .contains("Promoted REGISTERED → SILVER: all 2 promote-when criteria met")
                .contains("closed-won revenue in USD in the last 12 months");
        assertThat(salesforce.org().findById(id))
                .get()
                .extracting(r -> r.get("Partner_Tier__c"))
                .isEqualTo("SILVER");
    }

    @Test
    void aPartnerRowLastWrittenByItsEvaluationIsSentWithoutAnotherButOneEditedSinceIsEvaluatedBeforeItIsSent() {
        // Promoted: the evaluation writes the partner row and its standing with one stamp.
        String id = promotedToSilver(tag + " evaluated");

        Integer points = assertSentWithoutAnotherEvaluation("P-" + tag, "sent as its evaluation left it");

        assertThat(salesforce.org().findById(id))
                .get()
                .extracting(r -> r.get("Partner_Tier__c"))
                .isEqualTo("SILVER");

        assertEvaluatedBeforeSendingOnceEditedInThePortal("P-" + tag, points);
    }

    @Test
    void aPartnerRowLastWrittenByAnInboundApplyIsNotEvaluatedAgainBeforeItsOutboundRun() {
        String id = promotedToSilver(tag + " inbound");
        // Edited in Salesforce: the inbound apply writes the row and marks its partner due for the run's end.
        salesforce.org().update(id, Map.of("Phone", "+1 555 0100"));
        sync.inbound(FLOW);

        Integer points = assertSentWithoutAnotherEvaluation(
                "P-" + tag, "not evaluated again: the inbound run's end evaluated it");

        assertEvaluatedBeforeSendingOnceEditedInThePortal("P-" + tag, points);
    }

    /** A partner synced from Salesforce as P-tag, certified, with a deal won, and evaluated; its Salesforce id. */
    private String promotedToSilver(String name) {
        String id = salesforce.org().insert("Account", partner(name, "P-" + tag));
        sync.settle(FLOW);
        certify("P-" + tag, "SALES-101");
        winDeal("P-" + tag, 60000);
        evaluateTiers();
        return id;
    }

    /**
     * An activity written straight into the store, so nothing marks the partner due: only an evaluation before
     * sending would count it.
     */
    private void coSellUnknownToTheTierEngine(String partner) {
        jdbc.sql("INSERT INTO activity (activity_id, partner_id, kind, occurred_at, points, created_at)"
                        + " VALUES (:id, :p, 'co-sell', CURRENT_TIMESTAMP, 40, CURRENT_TIMESTAMP)")
                .param("id", "A-" + tag)
                .param("p", partner)
                .update();
    }

    /**
     * Records a co-sell the tier engine is not told of, runs the outbound flow, and checks the partner's points did
     * not move (no evaluation before sending counted it); the points, for what follows.
     */
    private Integer assertSentWithoutAnotherEvaluation(String partner, String why) {
        Integer points = activityPointsOf(partner);
        coSellUnknownToTheTierEngine(partner);

        sync.outbound(FLOW);

        assertThat(activityPointsOf(partner)).as(why).isEqualTo(points);
        return points;
    }

    private void assertEvaluatedBeforeSendingOnceEditedInThePortal(String partner, Integer pointsBefore) {
        jdbc.sql("UPDATE partner_account SET description = 'edited in the portal', updated_at = CURRENT_TIMESTAMP"
                        + " WHERE partner_id = :k")
                .param("k", partner)
                .update();
        sync.outbound(FLOW);

        assertThat(activityPointsOf(partner)).as("evaluated before it was sent").isGreaterThan(pointsBefore);
    }

    private Integer activityPointsOf(String key) {
        return jdbc.sql("SELECT activity_points FROM partner_account WHERE partner_id = :k")
                .param("k", key)
                .query(Integer.class)
                .single();
    }

    @Test
    void aCertificationSyncedFromSalesforcePromotesItsPartnerAndSalesforceHearsInTheSameRun() {
        String id = salesforce.org().insert("Account", partner(tag + " learner", "P-" + tag));
        sync.settle(FLOW);
        winDeal("P-" + tag, 60000);
        evaluateTiers();
        assertThat(tierOf("P-" + tag)).isEqualTo("REGISTERED");

        SalesforceRecords.certification(
                salesforce.org(), id, "C-" + tag, "SALES-101", today.minusDays(10), today.plusDays(700));
        sync.inbound("certifications");

        assertThat(tierOf("P-" + tag)).isEqualTo("SILVER");
        assertThat(salesforce.org().findById(id))
                .get()
                .extracting(r -> r.get("Partner_Tier__c"))
                .isEqualTo("SILVER");
    }

    @Test
    void aPartnerMarkedDueByACommitWhoseRunNeverEndedIsEvaluatedWhenTheNextRunEnds() {
        salesforce.org().insert("Account", partner(tag + " orphan", "P-" + tag));
        sync.settle(FLOW);
        winDeal("P-" + tag, 60000);
        evaluateTiers();
        assertThat(tierOf("P-" + tag)).isEqualTo("REGISTERED");

        // What a certifications page committed just before the process died: the row and its partner's mark.
        certify("P-" + tag, "SALES-101");
        markDue("certifications", "P-" + tag);
        sync.inbound(FLOW);
        assertThat(tierOf("P-" + tag))
                .as("another flow's run leaves the mark alone")
                .isEqualTo("REGISTERED");

        sync.inbound("certifications");

        assertThat(tierOf("P-" + tag)).isEqualTo("SILVER");
        assertThat(dueMarks("P-" + tag)).isZero();
    }

    @Test
    void marksFromManyCommitsAreClearedByOneEvaluationOfEachLivePartner() {
        salesforce.org().insert("Account", partner(tag + " busy", "P-" + tag + "-1"));
        salesforce.org().insert("Account", partner(tag + " busier", "P-" + tag + "-2"));
        sync.settle(FLOW);
        tierEvaluation.evaluateDue("certifications");
        for (int commit = 0; commit < 3; commit++) {
            markDue("certifications", "P-" + tag + "-1");
            markDue("certifications", "P-" + tag + "-2");
        }
        markDue("certifications", "P-" + tag + "-gone"); // a partner deleted since: its mark is cleared too

        TierEvaluation.DueEvaluated evaluated = tierEvaluation.evaluateDue("certifications");

        assertThat(evaluated.partners()).as("partners evaluated").isEqualTo(2);
        assertThat(evaluated.changes().partnerIds())
                .as("placed when their accounts arrived")
                .isEmpty();
        assertThat(dueMarks("P-" + tag + "-1") + dueMarks("P-" + tag + "-2") + dueMarks("P-" + tag + "-gone"))
                .isZero();
        assertThat(tierEvaluation.evaluateDue("certifications").partners()).isZero();
    }

    @Test
    void salesforceShowsThePartnersLevelAsAChannelProgramMemberOfThePartnerProgram() {
        String programId = salesforce.org().findByField("ChannelProgram", "Name", "Partner Program").stream()
                .map(r -> r.get("Id").toString())
                .findFirst()
                .orElseGet(() -> salesforce.org().insert("ChannelProgram", Map.of("Name", "Partner Program")));
        String id = salesforce.org().insert("Account", partner(tag + " member", "P-" + tag));
        sync.settle(FLOW);
        certify("P-" + tag, "SALES-101");
        winDeal("P-" + tag, 60000);

        evaluateTiers();
        sync.outbound("tier-levels");
        sync.outbound("tier-members");

        Map<String, Object> silver = salesforce
                .org()
                .findByField("ChannelProgramLevel", "PRM_Tier_Code__c", "SILVER")
                .get(0);
        assertThat(silver).containsEntry("ProgramId", programId).containsEntry("Name", "Silver");
        assertThat(salesforce.org().findByField("ChannelProgramMember", "PRM_Partner_Id__c", "P-" + tag))
                .singleElement()
                .satisfies(member -> assertThat(member)
                        .containsEntry("PartnerId", id)
                        .containsEntry("LevelId", silver.get("Id"))
                        .containsEntry("ProgramId", programId));
    }

    @Test
    void aNewPartnerWithAnOverrideFromTheStartIsEvaluatedAgainWithoutTrouble() {
        salesforce.org().insert("Account", withOverride(partner(tag + " vip", "P-" + tag), "Gold"));
        sync.settle(FLOW);

        evaluateTiers();
        evaluateTiers();

        assertThat(tierOf("P-" + tag)).isEqualTo("GOLD");
    }

    private Map<String, Object> withOverride(Map<String, Object> fields, String tier) {
        fields.put("Partner_Tier_Override__c", tier);
        fields.put("Partner_Tier_Override_Expires__c", today.plusDays(60));
        return fields;
    }

    @Test
    void aDealWonInSalesforcePromotesItsPartnerInTheSameRun() {
        String id = salesforce.org().insert("Account", partner(tag + " closer", "P-" + tag));
        sync.settle(FLOW);
        certify("P-" + tag, "SALES-101");
        jdbc.sql("INSERT INTO deal_registration (deal_id, partner_id, customer_company, amount, currency,"
                        + " expected_close_date, created_at, updated_at) VALUES (:id, :p, 'Initech', 1000, 'USD', :close,"
                        + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .param("id", "D-" + tag)
                .param("p", "P-" + tag)
                .param("close", today.minusDays(5))
                .update();
        evaluateTiers();
        assertThat(tierOf("P-" + tag)).isEqualTo("REGISTERED");

        salesforce
                .org()
                .insert(
                        "Opportunity",
                        Map.of(
                                "Name",
                                "Initech " + tag,
                                "StageName",
                                "Closed Won",
                                "CloseDate",
                                today.minusDays(5),
                                "Amount",
                                75000,
                                "PRM_Deal_Id__c",
                                "D-" + tag));
        sync.inbound("deal-outcomes");

        assertThat(tierOf("P-" + tag)).isEqualTo("SILVER");
        assertThat(salesforce.org().findById(id))
                .get()
                .extracting(r -> r.get("Partner_Tier__c"))
                .isEqualTo("SILVER");
    }

    @Test
    void aPartnerNewInThePrmStoreGoesToSalesforceOnceAlreadyCarryingItsTier() {
        insertPrmPartner("P-" + tag, tag + " newcomer");
        long writes = collectionWrites();

        sync.outbound(FLOW);

        assertThat(accountsWithExternalId("P-" + tag))
                .singleElement()
                .satisfies(account -> assertThat(account.get("Partner_Tier__c")).isEqualTo("REGISTERED"));
        assertThat(collectionWrites() - writes).isEqualTo(1);
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

        // Salesforce picklists hold labels; the override names the tier by its name here.
        salesforce
                .org()
                .update(
                        id,
                        Map.of(
                                "Partner_Tier_Override__c",
                                "Gold",
                                "Partner_Tier_Override_Expires__c",
                                today.plusDays(30)));
        sync.inbound(FLOW);
        evaluateTiers();
        sync.outbound(FLOW);

        assertThat(tierOf("P-" + tag)).isEqualTo("GOLD");
        assertThat(jdbc.sql("SELECT change_kind FROM tier_history WHERE partner_id = :k AND to_tier_code = 'GOLD'")
                        .param("k", "P-" + tag)
                        .query(String.class)
                        .list())
                .containsExactly("Overridden");
        assertThat(salesforce.org().findById(id))
                .get()
                .extracting(r -> r.get("Partner_Tier__c"))
                .isEqualTo("GOLD");

        jdbc.sql("UPDATE partner_account SET tier_override_expires_on = :past WHERE partner_id = :k")
                .param("past", today.minusDays(1))
                .param("k", "P-" + tag)
                .update();
        evaluateTiers();

        assertThat(tierOf("P-" + tag)).isEqualTo("REGISTERED");
    }

    @Test
    void theAdminApiListsPartnersByTierAndExplainsWhatTheNextTierNeeds() {
        String id = salesforce.org().insert("Account", partner(tag + " explained", "P-" + tag));
        sync.settle(FLOW);
        certify("P-" + tag, "SALES-101");
        winDeal("P-" + tag, 60000);
        evaluateTiers();

        List<Map<String, Object>> silver = get("/api/partners?tier=SILVER&size=500", List.class);
        Map<String, Object> tier = get("/api/partners/P-" + tag + "/tier", Map.class);

        assertThat(silver)
                .anySatisfy(p -> assertThat(p)
                        .containsEntry("prmId", "P-" + tag)
                        .containsEntry("salesforceId", id)
                        .containsEntry("tier", "SILVER"));
        assertThat((Map<String, Object>) tier.get("standing")).containsEntry("tier", "SILVER");
        Map<String, Object> next = (Map<String, Object>) tier.get("nextTier");
        assertThat(next).containsEntry("code", "GOLD");
        assertThat((List<Map<String, Object>>) next.get("missing"))
                .extracting(m -> m.get("criterion"))
                .contains("new-customer wins in the last 12 months", "closed-won revenue in USD in the last 12 months");
    }

    @Test
    void aDryRunOfStricterRulesShowsWhoWouldMoveAndChangesNothing() throws Exception {
        salesforce.org().insert("Account", partner(tag + " borderline", "P-" + tag));
        sync.settle(FLOW);
        certify("P-" + tag, "SALES-101");
        winDeal("P-" + tag, 60000);
        evaluateTiers();
        String stricter = java.nio.file.Files.readString(java.nio.file.Path.of("config/tier-rules.yaml"))
                .replace("rules-version: \"2025.1\"", "rules-version: \"2026.1\"")
                .replaceFirst("min: 50000", "min: 100000")
                .replaceFirst("min: 40000", "min: 90000");

        Map<String, Object> report =
                post("/api/tiers/dry-run", stricter, Map.class).getBody();

        assertThat(report).containsEntry("newRulesVersion", "2026.1");
        assertThat((List<Map<String, Object>>) report.get("moves"))
                .anySatisfy(move -> assertThat(move)
                        .containsEntry("partnerId", "P-" + tag)
                        .containsEntry("underOldRules", "SILVER")
                        .containsEntry("underNewRules", "REGISTERED"));
        assertThat(tierOf("P-" + tag)).isEqualTo("SILVER");
    }

    @Test
    void aDryRunOfBrokenRulesIsRefusedWithEveryProblemAndItsLine() {
        ResponseEntity<Map> refused = post(
                "/api/tiers/dry-run",
                "rules-version: x\ncurrency: USD\ntiers:\n"
                        + "  - code: ENTRY\n    name: Entry\n  - code: TOP\n    name: Top\n    grace-period: soon\n",
                Map.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((List<String>) refused.getBody().get("problems"))
                .anySatisfy(
                        p -> assertThat(p).startsWith("candidate rules line 8:").contains("grace-period"));
    }

    @Test
    void anAdminApprovesAPendingDemotion() {
        salesforce.org().insert("Account", partner(tag + " slipping", "P-" + tag));
        sync.settle(FLOW);
        certify("P-" + tag, "SALES-101");
        winDeal("P-" + tag, 60000);
        evaluateTiers();
        jdbc.sql("UPDATE tier_membership SET pending_tier_code = 'REGISTERED' WHERE partner_id = :k")
                .param("k", "P-" + tag)
                .update();

        ResponseEntity<Map> approved =
                post("/api/partners/P-" + tag + "/tier/demotion?decision=approve", null, Map.class);
        ResponseEntity<Map> nothingPending =
                post("/api/partners/P-" + tag + "/tier/demotion?decision=approve", null, Map.class);

        assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tierOf("P-" + tag)).isEqualTo("REGISTERED");
        assertThat(nothingPending.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    private <T> T get(String path, Class<T> type) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(authorized()), type)
                .getBody();
    }

    private <T> ResponseEntity<T> post(String path, String yaml, Class<T> type) {
        HttpHeaders headers = authorized();
        headers.setContentType(MediaType.parseMediaType("application/yaml"));
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(yaml, headers), type);
    }

    /** Throws when the evaluation fails: the route has no error handler of its own. */
    private void evaluateTiers() {
        template.sendBody("direct:tier-evaluation", null);
    }

    private void markDue(String flow, String partner) {
        jdbc.sql("INSERT INTO tier_evaluation_due (flow, partner_id, marked_at) VALUES (:f, :p, CURRENT_TIMESTAMP)")
                .param("f", flow)
                .param("p", partner)
                .update();
    }

    private int dueMarks(String partner) {
        return jdbc.sql("SELECT COUNT(*) FROM tier_evaluation_due WHERE partner_id = :p")
                .param("p", partner)
                .query(Integer.class)
                .single();
    }

    String tierOf(String key) {
        return jdbc.sql("SELECT tier_code FROM partner_account WHERE partner_id = :k")
                .param("k", key)
                .query(String.class)
                .single();
    }

    private void certify(String partner, String code) {
        jdbc.sql("INSERT INTO certification (certification_id, partner_id, code, issued_on, expires_on, created_at,"
                        + " updated_at) VALUES (:id, :p, :c, :issued, :expires, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .param("id", "C-" + tag + "-" + code)
                .param("p", partner)
                .param("c", code)
                .param("issued", today.minusDays(100))
                .param("expires", today.plusDays(300))
                .update();
    }
}
