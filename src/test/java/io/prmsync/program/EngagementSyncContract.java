package io.prmsync.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.config.SyncProperties;
import io.prmsync.engagement.PractStage;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.support.SeededOrg;
import io.prmsync.support.SyncDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Engagement evaluated as the sample program syncs: every partner gets a stage, a risk and the points its synced
 * records earn, each point booked once by its source; syncing again books nothing new; a certification that goes
 * away has its points reversed; the admin API shows it all. On H2 and on PostgreSQL.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "prm-sync.admin.tokens=" + EngagementSyncContract.TOKEN,
            "prm-sync.schedule.first-run-delay=3600000"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class EngagementSyncContract {

    static final String TOKEN = "engagement-token-71c2";

    @Autowired
    ProducerTemplate template;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SalesforceSimulator salesforce;

    @Autowired
    SyncProperties syncProperties;

    @Autowired
    TestRestTemplate http;

    @Autowired
    TierEvaluation tierEvaluation;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    @Order(1)
    void everyPartnerGetsAStageARiskAndThePointsItsRecordsEarnEachBookedOnce() {
        SeededOrg.awaitPastSettleLag(salesforce, syncProperties.settleLag());
        new SyncDriver(template).syncProgram();

        long partners = count("SELECT COUNT(*) FROM partner_account WHERE deleted_at IS NULL");
        assertThat(partners).isGreaterThan(40);
        assertThat(count("SELECT COUNT(*) FROM partner_engagement")).isEqualTo(partners);
        List<String> stages = Arrays.stream(PractStage.values()).map(Enum::name).toList();
        assertThat(jdbc.sql("SELECT DISTINCT stage FROM partner_engagement")
                        .query(String.class)
                        .list())
                .isNotEmpty()
                .allSatisfy(stage -> assertThat(stages).contains(stage));
        assertThat(count("SELECT COUNT(*) FROM partner_engagement WHERE churn_risk < 0 OR churn_risk > 100"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM partner_account p JOIN partner_engagement e"
                        + " ON e.partner_id = p.partner_id WHERE p.engagement_stage IS DISTINCT FROM e.stage"
                        + " OR p.churn_risk IS DISTINCT FROM e.churn_risk"
                        + " OR p.activity_points IS DISTINCT FROM e.points"))
                .as("the partner row shows what the evaluation stored")
                .isZero();

        assertThat(count("SELECT COUNT(*) FROM engagement_point WHERE source LIKE 'certification:%'"))
                .as("active certifications earn points")
                .isEqualTo(count("SELECT COUNT(*) FROM certification WHERE deleted_at IS NULL"
                        + " AND UPPER(status) = 'ACTIVE'"));
        assertThat(count("SELECT COUNT(*) FROM engagement_point WHERE source LIKE 'deal:%:registered'"))
                .as("registrations not rejected earn points")
                .isPositive();
        assertThat(count("SELECT COUNT(*) FROM engagement_point p JOIN deal_registration d"
                        + " ON p.source = CONCAT('deal:', d.deal_id, ':registered')"
                        + " WHERE UPPER(d.registration_status) = 'REJECTED'"))
                .as("a rejected registration earns nothing")
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM deal_decision WHERE status = 'SUBMITTED'"))
                .as("the registrations seen waiting, remembered so that their decisions can be timed")
                .isPositive()
                .isEqualTo(count("SELECT COUNT(*) FROM deal_decision"));
        assertThat(count("SELECT COUNT(*) FROM deal_decision WHERE decided_on IS NOT NULL"))
                .as("every decision arrived made, so when it was made is unknown")
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM engagement_history")).isGreaterThanOrEqualTo(partners);
        assertThat(count("SELECT COUNT(*) FROM partner_engagement e WHERE e.stage <> (SELECT h.to_stage FROM"
                        + " engagement_history h WHERE h.partner_id = e.partner_id ORDER BY h.changed_at DESC, h.id"
                        + " DESC LIMIT 1)"))
                .as("each partner's latest stage change leads to its stage")
                .isZero();
    }

    @Test
    @Order(2)
    void syncingAndEvaluatingAgainBooksNothingNew() {
        List<Map<String, Object>> before = ledger();
        long history = count("SELECT COUNT(*) FROM engagement_history");

        new SyncDriver(template).syncProgram();
        template.sendBody("direct:tier-evaluation", null);

        assertThat(ledger()).isEqualTo(before);
        assertThat(count("SELECT COUNT(*) FROM engagement_history"))
                .as("no stage changed")
                .isEqualTo(history);
    }

    @Test
    @Order(3)
    void aCertificationThatGoesAwayHasItsPointsReversed() {
        String certification = jdbc.sql("SELECT certification_id FROM certification WHERE deleted_at IS NULL"
                        + " AND UPPER(status) = 'ACTIVE' ORDER BY certification_id")
                .query(String.class)
                .list()
                .get(0);
        jdbc.sql("UPDATE certification SET deleted_at = CURRENT_TIMESTAMP WHERE certification_id = :id")
                .param("id", certification)
                .update();

        template.sendBody("direct:tier-evaluation", null);

        assertThat(jdbc.sql("SELECT reversed_at FROM engagement_point WHERE source = :source")
                        .param("source", "certification:" + certification)
                        .query()
                        .singleValue())
                .as("reversed, not removed")
                .isNotNull();
        assertThat(count("SELECT COUNT(*) FROM engagement_point WHERE reversed_at IS NOT NULL"))
                .isEqualTo(1);
    }

    @Test
    @Order(4)
    void theAdminApiShowsAPartnersEngagementAndThePartnersAtRisk() throws Exception {
        String partner = jdbc.sql("SELECT partner_id FROM partner_engagement ORDER BY points DESC, partner_id")
                .query(String.class)
                .list()
                .get(0);
        JsonNode engagement = get("/api/partners/" + partner + "/engagement");
        assertThat(engagement.at("/evaluation/partnerId").asText()).isEqualTo(partner);
        assertThat(engagement.at("/evaluation/stageExplanation")).hasSize(PractStage.values().length);
        assertThat(engagement.at("/evaluation/signals").size()).isPositive();
        assertThat(engagement.path("ledger").size()).isPositive();
        assertThat(engagement.path("history").size()).isPositive();
        assertThat(http.exchange(
                                "/api/partners/P-NOBODY/engagement",
                                HttpMethod.GET,
                                new HttpEntity<>(auth()),
                                String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);

        JsonNode atRisk = get("/api/engagement/at-risk?min=0&limit=500");
        assertThat(atRisk.size()).isEqualTo(count("SELECT COUNT(*) FROM partner_engagement"));
        for (int i = 1; i < atRisk.size(); i++) {
            assertThat(atRisk.get(i).get("churnRisk").asInt())
                    .isLessThanOrEqualTo(atRisk.get(i - 1).get("churnRisk").asInt());
        }
        int highest = atRisk.get(0).get("churnRisk").asInt();
        assertThat(get("/api/engagement/at-risk?min=" + highest))
                .allSatisfy(row -> assertThat(row.get("churnRisk").asInt()).isEqualTo(highest));
    }

    @Test
    @Order(5)
    void aDryRunShowsWhoCandidateRulesWouldMoveAndWritesNothing() throws Exception {
        String shipped = Files.readString(Path.of("config/engagement-rules.yaml"));
        List<Map<String, Object>> stored = jdbc.sql("SELECT * FROM partner_engagement ORDER BY partner_id")
                .query()
                .listOfRows();

        JsonNode same = dryRun(shipped, 200);
        assertThat(same.path("partners").asLong()).isEqualTo(stored.size());
        assertThat(same.path("moves")).as("the rules in force move nobody").isEmpty();
        for (String stage : List.of("PERCEPTION", "READINESS", "ACTIVATE", "COLLABORATION", "TRUST")) {
            assertThat(same.at("/stagesNow/" + stage).asLong())
                    .as(stage + ": what the store holds")
                    .isEqualTo(count("SELECT COUNT(*) FROM partner_engagement WHERE stage = '" + stage + "'"));
        }

        long atRisk = count("SELECT COUNT(*) FROM partner_engagement WHERE at_risk");
        JsonNode everyone = dryRun(shipped.replace("at-risk: 70", "at-risk: 0"), 200);
        assertThat(everyone.path("becomeAtRisk").asLong()).isEqualTo(stored.size() - atRisk);
        assertThat(everyone.path("moves")).hasSize((int) (stored.size() - atRisk));
        assertThat(everyone.path("stageChanges").asInt()).isZero();

        JsonNode refused = dryRun(shipped.replace("at-risk: 70", "at-risk: 170"), 400);
        assertThat(refused.path("detail").asText())
                .contains("candidate rules line")
                .contains("at-risk");

        assertThat(jdbc.sql("SELECT * FROM partner_engagement ORDER BY partner_id")
                        .query()
                        .listOfRows())
                .as("a dry run writes nothing")
                .isEqualTo(stored);
    }

    @Test
    @Order(6)
    void aRecordMovedToAnotherPartnerTakesItsPointsAlongInsteadOfBookingThemTwice() {
        Map<String, Object> certification = jdbc.sql("SELECT certification_id, partner_id FROM certification"
                        + " WHERE deleted_at IS NULL AND UPPER(status) = 'ACTIVE' ORDER BY certification_id DESC")
                .query()
                .listOfRows()
                .get(0);
        String id = value(certification, "certification_id");
        String from = value(certification, "partner_id");
        String to = jdbc.sql("SELECT partner_id FROM partner_account WHERE partner_id <> :from AND deleted_at IS NULL"
                        + " ORDER BY partner_id")
                .param("from", from)
                .query(String.class)
                .list()
                .get(0);
        jdbc.sql("UPDATE certification SET partner_id = :to, updated_at = CURRENT_TIMESTAMP"
                        + " WHERE certification_id = :id")
                .param("to", to)
                .param("id", id)
                .update();

        // The new partner alone, as a run that touched only it evaluates it: booking the entry again for it would
        // fail on the entry's key.
        tierEvaluation.evaluatePartners(List.of(to), TierEvaluation.RowStamp.MOVE);

        Map<String, Object> entry = jdbc.sql(
                        "SELECT partner_id, reversed_at FROM engagement_point WHERE source = :source")
                .param("source", "certification:" + id)
                .query()
                .singleRow();
        assertThat(value(entry, "partner_id")).isEqualTo(to);
        assertThat(entry.entrySet())
                .anySatisfy(column -> assertThat(column.getKey()).isEqualToIgnoringCase("reversed_at"))
                .allSatisfy(column -> {
                    if (column.getKey().equalsIgnoreCase("reversed_at")) {
                        assertThat(column.getValue())
                                .as("still earning, for its new partner")
                                .isNull();
                    }
                });
    }

    @Test
    @Order(7)
    void anActivityLoggedOnEitherSideEarnsItsKindsPointsOnceAndReachesTheOtherSide() {
        String partner = pairedPartner(0);
        String account = salesforceIdOf("partner-account", partner);
        String logged = salesforce
                .org()
                .insert(
                        "Partner_Activity__c",
                        Map.of(
                                "Name", "Joint call with Acme",
                                "Account__c", account,
                                "Kind__c", "co-sell",
                                "Occurred_At__c", Instant.now().minus(Duration.ofDays(1)),
                                "Details__c", "Co-sold the Acme renewal"));
        insertPortalActivity("A-portal-1", partner, "training-completed");

        syncActivities();

        String loggedKey = jdbc.sql(
                        "SELECT prm_key FROM sync_record_state WHERE entity = 'partner-activity'" + " AND sf_id = :id")
                .param("id", logged)
                .query(String.class)
                .single();
        assertThat(jdbc.sql("SELECT partner_id, kind FROM activity WHERE activity_id = :id")
                        .param("id", loggedKey)
                        .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2))
                        .single())
                .isEqualTo(partner + "/co-sell");
        Map<String, Object> portal = salesforceActivity("A-portal-1");
        assertThat(portal)
                .containsEntry("Account__c", account)
                .containsEntry("Kind__c", "training-completed")
                .containsEntry("Withdrawn__c", false);
        assertThat(points("activity:" + loggedKey))
                .as("co-sell, as the rules give it")
                .isEqualTo(25);
        assertThat(points("activity:A-portal-1")).as("training completed").isEqualTo(20);
        assertThat(jdbc.sql("SELECT points FROM partner_engagement WHERE partner_id = :p")
                        .param("p", partner)
                        .query(Integer.class)
                        .single())
                .isEqualTo(jdbc.sql("SELECT activity_points FROM partner_account WHERE partner_id = :p")
                        .param("p", partner)
                        .query(Integer.class)
                        .single());

        List<Map<String, Object>> ledger = ledger();
        syncActivities();
        template.sendBody("direct:tier-evaluation", null);
        assertThat(ledger()).as("a re-sync books nothing").isEqualTo(ledger);
    }

    @Test
    @Order(8)
    void anActivityDeletedOnEitherSideHasItsPointsReversedAndIsWithdrawnInSalesforce() {
        String partner = pairedPartner(0);
        String loggedKey = jdbc.sql("SELECT activity_id FROM activity WHERE partner_id = :p AND kind = 'co-sell'"
                        + " AND deleted_at IS NULL AND activity_id <> 'A-portal-1'")
                .param("p", partner)
                .query(String.class)
                .single();
        salesforce.org().delete(salesforceIdOf("partner-activity", loggedKey));
        jdbc.sql("UPDATE activity SET deleted_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP"
                        + " WHERE activity_id = 'A-portal-1'")
                .update();

        syncActivities();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM activity WHERE activity_id = :id AND deleted_at IS NOT NULL")
                        .param("id", loggedKey)
                        .query(Long.class)
                        .single())
                .as("deleted in Salesforce, soft-deleted here")
                .isEqualTo(1);
        assertThat(salesforceActivity("A-portal-1"))
                .as("deleted here, withdrawn in Salesforce")
                .containsEntry("Withdrawn__c", true);
        for (String source : List.of("activity:" + loggedKey, "activity:A-portal-1")) {
            assertThat(jdbc.sql("SELECT reversed_at FROM engagement_point WHERE source = :source")
                            .param("source", source)
                            .query()
                            .singleValue())
                    .as(source + " reversed")
                    .isNotNull();
        }
    }

    @Test
    @Order(9)
    void customerSatisfactionFromTheAccountFeedsTheFallingSignalAndTheRiskGoesBackToTheAccount() throws Exception {
        String partner = pairedPartner(1);
        String account = salesforceIdOf("partner-account", partner);

        salesforce.org().update(account, Map.of("Partner_Satisfaction__c", 4.8));
        syncAccounts();
        assertThat(jdbc.sql("SELECT customer_satisfaction FROM partner_account WHERE partner_id = :p")
                        .param("p", partner)
                        .query(java.math.BigDecimal.class)
                        .single())
                .isEqualByComparingTo("4.8");
        int riskBefore = risk(partner);

        salesforce.org().update(account, Map.of("Partner_Satisfaction__c", 3.5));
        syncAccounts();

        JsonNode falling = null;
        for (JsonNode signal : get("/api/partners/" + partner + "/engagement").at("/evaluation/signals")) {
            if (signal.path("signal").asText().equals("satisfaction-falling")) {
                falling = signal;
            }
        }
        assertThat(falling).as("the satisfaction-falling signal").isNotNull();
        assertThat(falling.path("strength").asDouble())
                .as("fell by 1.3, full at 1.0")
                .isEqualTo(1.0);
        assertThat(falling.path("reason").asText()).contains("3.5");
        assertThat(risk(partner)).isEqualTo(Math.min(100, riskBefore + 10));

        awaitPastSettleLagOf("partner_account");
        new SyncDriver(template).outbound("partner-accounts");
        assertThat(salesforce.org().findById(account).orElseThrow())
                .containsEntry("Partner_Churn_Risk__c", (double) risk(partner))
                .containsEntry("Partner_Satisfaction__c", 3.5);
    }

    @Test
    @Order(10)
    void aRegistrationSeenWaitingAndThenApprovedIsDecidedOnTheDayItsApprovalArrived() throws Exception {
        Map<String, Object> waiting = jdbc.sql("SELECT x.deal_id, x.partner_id, s.sf_id FROM deal_decision x"
                        + " JOIN sync_record_state s ON s.entity = 'deal-registration' AND s.prm_key = x.deal_id"
                        + " WHERE x.status = 'SUBMITTED' AND s.sf_id IS NOT NULL ORDER BY x.deal_id")
                .query()
                .listOfRows()
                .get(0);
        String partner = value(waiting, "partner_id");
        int decidedBefore = get("/api/partners/" + partner + "/engagement")
                .at("/evaluation/decisionSpeed/decided")
                .asInt();

        salesforce.org().update(value(waiting, "sf_id"), Map.of("Registration_Status__c", "Approved"));
        SeededOrg.awaitPastSettleLag(salesforce, syncProperties.settleLag());
        new SyncDriver(template).inbound("deal-registrations");

        Map<String, Object> decision = jdbc.sql("SELECT status, decided_on FROM deal_decision WHERE deal_id = :id")
                .param("id", value(waiting, "deal_id"))
                .query()
                .singleRow();
        assertThat(value(decision, "status")).isEqualTo("APPROVED");
        java.time.LocalDate today = java.time.LocalDate.now(ZoneOffset.UTC);
        assertThat(value(decision, "decided_on"))
                .as("the day its approval arrived (a run across midnight may have brought it the day before)")
                .isIn(today.toString(), today.minusDays(1).toString());
        assertThat(get("/api/partners/" + partner + "/engagement")
                        .at("/evaluation/decisionSpeed/decided")
                        .asInt())
                .as("a decision seen happening counts for the vendor's speed")
                .isEqualTo(decidedBefore + 1);
    }

    /** The {@code n}th partner (by key) that is on both sides. */
    private String pairedPartner(int n) {
        return jdbc.sql("SELECT prm_key FROM sync_record_state WHERE entity = 'partner-account' AND sf_id IS NOT NULL"
                        + " ORDER BY prm_key")
                .query(String.class)
                .list()
                .get(n);
    }

    private String salesforceIdOf(String entity, String prmKey) {
        return jdbc.sql("SELECT sf_id FROM sync_record_state WHERE entity = :entity AND prm_key = :key")
                .param("entity", entity)
                .param("key", prmKey)
                .query(String.class)
                .single();
    }

    private Map<String, Object> salesforceActivity(String prmKey) {
        List<Map<String, Object>> found =
                salesforce.org().findByField("Partner_Activity__c", "PRM_Activity_Id__c", prmKey);
        assertThat(found).as("Partner_Activity__c " + prmKey).hasSize(1);
        return found.get(0);
    }

    /** As the portal logs an activity: a row in the table, stamped by its default. */
    private void insertPortalActivity(String id, String partner, String kind) {
        jdbc.sql("INSERT INTO activity (activity_id, partner_id, kind, occurred_at, details, created_at)"
                        + " VALUES (:id, :partner, :kind, :at, 'Finished the sales onboarding course', :at)")
                .param("id", id)
                .param("partner", partner)
                .param("kind", kind)
                .param("at", OffsetDateTime.now(ZoneOffset.UTC).minusHours(2))
                .update();
    }

    /** Both sides' new activities exchanged, once each side's writes are older than the settle lag. */
    private void syncActivities() {
        SeededOrg.awaitPastSettleLag(salesforce, syncProperties.settleLag());
        awaitPastSettleLagOf("activity");
        new SyncDriver(template).settle("partner-activities");
    }

    private void syncAccounts() {
        SeededOrg.awaitPastSettleLag(salesforce, syncProperties.settleLag());
        new SyncDriver(template).inbound("partner-accounts");
    }

    private void awaitPastSettleLagOf(String table) {
        OffsetDateTime newest = jdbc.sql("SELECT MAX(updated_at) FROM " + table)
                .query(OffsetDateTime.class)
                .single();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Instant.now().isAfter(newest.toInstant().plus(syncProperties.settleLag())));
    }

    private Integer points(String source) {
        return jdbc.sql("SELECT points FROM engagement_point WHERE source = :source")
                .param("source", source)
                .query(Integer.class)
                .single();
    }

    private int risk(String partner) {
        return jdbc.sql("SELECT churn_risk FROM partner_engagement WHERE partner_id = :p")
                .param("p", partner)
                .query(Integer.class)
                .single();
    }

    /**
     * The dry run pages through the partners by id; PostgreSQL returns rows of an {@code IN} list in whatever order
     * its plan reads them (a sequential scan: the order rows were last written), which once made a page end on a
     * partner short of the last and the next page count partners again (CI: 65 partners of 44 becoming at risk).
     */
    @Test
    @Order(11)
    void aDryRunCountsEveryPartnerOnceWhateverOrderTheStoreReturnsRowsIn() throws Exception {
        List<String> ids = jdbc.sql(
                        "SELECT partner_id FROM partner_account WHERE deleted_at IS NULL" + " ORDER BY partner_id DESC")
                .query(String.class)
                .list();
        // Rewritten last id first, so a scan in storage order meets them backwards; analysed, so the planner
        // knows the table is small enough to scan.
        for (String id : ids) {
            jdbc.sql("UPDATE partner_account SET customer_satisfaction = customer_satisfaction WHERE partner_id = :id")
                    .param("id", id)
                    .update();
        }
        try (var connection = dataSource.getConnection()) {
            boolean h2 = connection.getMetaData().getDatabaseProductName().equals("H2");
            jdbc.sql(h2 ? "ANALYZE TABLE partner_account" : "ANALYZE partner_account")
                    .update();
        }

        JsonNode report = dryRun(Files.readString(Path.of("config/engagement-rules.yaml")), 200);
        assertThat(report.path("partners").asLong()).isEqualTo(ids.size());
        long stages = 0;
        for (JsonNode stage : report.path("stagesNow")) {
            stages += stage.asLong();
        }
        assertThat(stages).as("each partner counted in one stage").isEqualTo(ids.size());
    }

    private static String value(Map<String, Object> row, String column) {
        return row.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(column))
                .map(entry -> String.valueOf(entry.getValue()))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode dryRun(String rules, int status) throws Exception {
        HttpHeaders headers = auth();
        headers.setContentType(MediaType.valueOf("application/yaml"));
        ResponseEntity<String> response = http.exchange(
                "/api/engagement/dry-run", HttpMethod.POST, new HttpEntity<>(rules, headers), String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        return new ObjectMapper().readTree(response.getBody());
    }

    private JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = http.exchange(path, HttpMethod.GET, new HttpEntity<>(auth()), String.class);
        assertThat(response.getStatusCode().value()).as(path).isEqualTo(200);
        return new ObjectMapper().readTree(response.getBody());
    }

    private static HttpHeaders auth() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TOKEN);
        return headers;
    }

    private List<Map<String, Object>> ledger() {
        return jdbc.sql("SELECT * FROM engagement_point ORDER BY source")
                .query()
                .listOfRows();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
