package io.prmsync.sandbox.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.config.SyncProperties;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.support.SeededOrg;
import io.prmsync.support.SyncDriver;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A newcomer's first look: the sandbox's sample program, synced under the shipped rules, shows the program
 * working: every tier, every PRACT stage (TRUST once the sandbox's channel manager has decided the registrations
 * the service saw waiting), a spread of churn risks, and partners clearly at risk for different reasons.
 */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:sample-variety;DB_CLOSE_DELAY=-1",
            "prm-sync.schedule.first-run-delay=3600000",
            "prm-sync.sandbox.channel-manager.enabled=true",
            // The test decides when the channel manager acts (SampleChannelManagerTest covers its timer).
            "prm-sync.sandbox.channel-manager.decide-after=PT1H"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleProgramVarietyIT {

    @Autowired
    ProducerTemplate template;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SalesforceSimulator salesforce;

    @Autowired
    SyncProperties syncProperties;

    @Autowired
    SampleChannelManager channelManager;

    @Test
    @Order(1)
    void everyTierEveryStageButTrustAndASpreadOfRisksAppearAfterTheFirstSync() {
        SeededOrg.awaitPastSettleLag(salesforce, syncProperties.settleLag());
        new SyncDriver(template).syncProgram();

        assertThat(counts(
                        "SELECT tier_code, COUNT(*) FROM partner_account WHERE deleted_at IS NULL GROUP BY tier_code"))
                .containsOnlyKeys("REGISTERED", "SILVER", "GOLD", "PLATINUM");
        assertThat(counts("SELECT stage, COUNT(*) FROM partner_engagement GROUP BY stage"))
                .containsOnlyKeys("PERCEPTION", "READINESS", "ACTIVATE", "COLLABORATION");
        assertThat(jdbc.sql("SELECT DISTINCT churn_risk FROM partner_engagement")
                        .query(Integer.class)
                        .list())
                .as("risks spread from none to high")
                .hasSizeGreaterThanOrEqualTo(6)
                .contains(0)
                .anySatisfy(risk -> assertThat(risk).isBetween(30, 69));
        List<String> atRiskReasons = jdbc.sql(
                        "SELECT top_reasons FROM partner_engagement WHERE at_risk" + " AND churn_risk >= 70")
                .query(String.class)
                .list();
        assertThat(atRiskReasons).as("partners clearly at risk").hasSizeGreaterThanOrEqualTo(4);
        assertThat(atRiskReasons)
                .anySatisfy(reasons -> assertThat(reasons).contains("Onboarding stalled"))
                .anySatisfy(reasons -> assertThat(reasons).doesNotContain("Onboarding stalled"));
        assertThat(count("SELECT COUNT(*) FROM engagement_point WHERE source LIKE 'activity:%'"))
                .as("activities logged in Salesforce earn points")
                .isPositive();
        assertThat(count("SELECT COUNT(DISTINCT CAST(created_at AS DATE)) FROM partner_account"))
                .as("partners joined when Salesforce says, not when the first sync ran")
                .isGreaterThanOrEqualTo(8);
        assertThat(count("SELECT COUNT(*) FROM partner_account WHERE customer_satisfaction IS NOT NULL"))
                .isPositive();
    }

    @Test
    @Order(2)
    void registrationsTheChannelManagerDecidesInTimeBringTheirPartnersTrust() {
        channelManager.approveAll();
        SeededOrg.awaitPastSettleLag(salesforce, syncProperties.settleLag());
        new SyncDriver(template).inbound("deal-registrations");

        assertThat(count("SELECT COUNT(*) FROM deal_decision WHERE decided_on IS NOT NULL"))
                .as("decisions seen happening, each with its day")
                .isPositive();
        assertThat(counts("SELECT stage, COUNT(*) FROM partner_engagement GROUP BY stage"))
                .containsOnlyKeys("PERCEPTION", "READINESS", "ACTIVATE", "COLLABORATION", "TRUST");
        assertThat(count("SELECT COUNT(*) FROM partner_engagement e JOIN partner_account p"
                        + " ON p.partner_id = e.partner_id WHERE e.stage = 'TRUST' AND p.tier_code = 'PLATINUM'"))
                .isPositive();
    }

    private Map<String, Long> counts(String sql) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.sql(sql).query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
