package io.prmsync.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prmsync.config.SyncProperties;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.support.SeededOrg;
import io.prmsync.support.SyncDriver;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engagement carried to the partner's Account by the partner-accounts flow, at the shipped timing (a 2 s settle
 * lag): every sample partner's Account shows the stage, risk, at-risk flag, points, reasons and next action of its
 * PRM row; a re-sync of unchanged partners writes nothing; a partner whose certifications go away is shown its new
 * engagement on the next outbound run past the lag.
 */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:engagement-salesforce;DB_CLOSE_DELAY=-1",
            "prm-sync.schedule.first-run-delay=3600000"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EngagementToSalesforceIT {

    private static final String FLOW = "partner-accounts";

    /** Far more than the settle lag: each poll is one outbound run, which sends nothing until the lag has passed. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The six engagement values as both sides hold them, numbers as whole numbers. */
    record Engagement(String stage, Long churnRisk, Boolean atRisk, Long points, String reasons, String action) {}

    @Autowired
    ProducerTemplate template;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SalesforceSimulator salesforce;

    @Autowired
    SyncProperties properties;

    private SyncDriver sync;

    @BeforeEach
    void driver() {
        sync = new SyncDriver(template);
    }

    @Test
    @Order(1)
    void everyPartnersAccountShowsTheEngagementOfItsPrmRow() {
        SeededOrg.awaitPastSettleLag(salesforce, properties.settleLag());
        sync.syncProgram();

        // The final evaluation stamped its rows a moment ago, inside the settle lag: a run past it sends them.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            sync.outbound(FLOW);
            assertThat(onAccounts()).isEqualTo(inPrm());
        });

        Map<String, Engagement> prm = inPrm();
        assertThat(prm).hasSizeGreaterThan(40);
        assertThat(prm.values()).allSatisfy(e -> {
            assertThat(e.stage()).isNotNull();
            assertThat(e.churnRisk()).isBetween(0L, 100L);
            assertThat(e.atRisk()).isNotNull();
            assertThat(e.points()).isNotNull();
        });
        assertThat(prm.values().stream().map(Engagement::stage).distinct())
                .as("stages vary")
                .hasSizeGreaterThan(1);
        assertThat(prm.values().stream().map(Engagement::churnRisk).distinct())
                .as("risks vary")
                .hasSizeGreaterThan(1);
        assertThat(prm.values().stream().filter(e -> e.reasons() != null))
                .as("reasons are carried")
                .isNotEmpty();
        assertThat(prm.values().stream().filter(e -> e.action() != null))
                .as("next actions are carried")
                .isNotEmpty();
    }

    @Test
    @Order(2)
    void syncingUnchangedPartnersAgainWritesNothingToTheirAccounts() {
        Instant before = Instant.now();

        sync.syncProgram();
        template.sendBody("direct:tier-evaluation", null);
        runOutboundPastTheSettleLag(Instant.now());

        assertThat(outboundRuns(before))
                .as("outbound runs since the re-sync began")
                .isPositive();
        assertThat(writtenByOutbound(before))
                .as("records the partner-accounts outbound runs wrote")
                .isZero();
        assertThat(onAccounts()).isEqualTo(inPrm());
    }

    @Test
    @Order(3)
    void aPartnerWhoseCertificationsGoAwayIsShownItsNewEngagementOnItsAccount() {
        String partner = jdbc.sql("SELECT partner_id FROM certification WHERE deleted_at IS NULL"
                        + " AND UPPER(status) = 'ACTIVE' GROUP BY partner_id ORDER BY COUNT(*) DESC, partner_id"
                        + " FETCH FIRST 1 ROWS ONLY")
                .query(String.class)
                .single();
        Engagement before = inPrm().get(partner);
        Instant changed = Instant.now();

        jdbc.sql("UPDATE certification SET deleted_at = CURRENT_TIMESTAMP WHERE partner_id = :id")
                .param("id", partner)
                .update();
        template.sendBody("direct:tier-evaluation", null);

        Engagement after = inPrm().get(partner);
        assertThat(after.points()).as("its certifications' points reversed").isLessThan(before.points());
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            sync.outbound(FLOW);
            assertThat(onAccounts().get(partner)).isEqualTo(after);
        });
        assertThat(onAccounts()).isEqualTo(inPrm());
        assertThat(writtenByOutbound(changed))
                .as("only the changed partner is written again")
                .isEqualTo(1);
    }

    /** Outbound runs until one starts past the settle lag after {@code changesEnded}, so it sees every change. */
    private void runOutboundPastTheSettleLag(Instant changesEnded) {
        Instant settled = changesEnded.plus(properties.settleLag());
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
            Instant started = Instant.now();
            sync.outbound(FLOW);
            return started.isAfter(settled);
        });
    }

    private Map<String, Engagement> inPrm() {
        return jdbc
                .sql("SELECT partner_id, engagement_stage, churn_risk, at_risk, activity_points, churn_reasons,"
                        + " next_best_action FROM partner_account WHERE deleted_at IS NULL")
                .query((rs, n) -> Map.entry(
                        rs.getString("partner_id"),
                        new Engagement(
                                rs.getString("engagement_stage"),
                                whole(rs.getObject("churn_risk")),
                                (Boolean) rs.getObject("at_risk"),
                                whole(rs.getObject("activity_points")),
                                rs.getString("churn_reasons"),
                                rs.getString("next_best_action"))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** The partner Accounts by their PRM key, as the simulated org holds them. */
    private Map<String, Engagement> onAccounts() {
        return salesforce.org().records("Account").stream()
                .filter(r -> Boolean.TRUE.equals(r.get("IsPartner")) && r.get("PRM_Partner_Id__c") != null)
                .collect(Collectors.toMap(
                        r -> (String) r.get("PRM_Partner_Id__c"),
                        r -> new Engagement(
                                (String) r.get("Partner_Stage__c"),
                                whole(r.get("Partner_Churn_Risk__c")),
                                (Boolean) r.get("Partner_Stalled__c"),
                                whole(r.get("Partner_Activity_Points__c")),
                                (String) r.get("Partner_Signals__c"),
                                (String) r.get("Partner_Next_Action__c")),
                        (a, b) -> a,
                        TreeMap::new));
    }

    /** A number as a Long; a number with decimals fails the test, as neither side should hold one. */
    private static Long whole(Object value) {
        if (value == null) {
            return null;
        }
        Number number = (Number) value;
        if (number.doubleValue() != number.longValue()) {
            throw new AssertionError(value + " is not a whole number");
        }
        return number.longValue();
    }

    private long writtenByOutbound(Instant since) {
        return jdbc.sql("SELECT COALESCE(SUM(records_changed), 0) FROM sync_run WHERE flow = :flow"
                        + " AND direction = 'OUTBOUND' AND started_at >= :since")
                .param("flow", FLOW)
                .param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .query(Long.class)
                .single();
    }

    private long outboundRuns(Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM sync_run WHERE flow = :flow AND direction = 'OUTBOUND'"
                        + " AND started_at >= :since")
                .param("flow", FLOW)
                .param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .query(Long.class)
                .single();
    }
}
