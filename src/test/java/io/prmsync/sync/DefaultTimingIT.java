package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.config.SyncProperties;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.support.SalesforceRecords;
import io.prmsync.support.SettableClock;
import io.prmsync.support.SyncDriver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The default timing, which the contracts turn off: the settle lag (2 s), behind which a change waits for a later
 * run without the watermark passing it, and the overlap (5 min), which reads again what a late-committing
 * transaction made visible behind the watermark. The service's clock stands still until the test moves it, so
 * "younger than the lag" never depends on how fast this machine is.
 */
@SpringBootTest(
        properties = {
            "prm-sync.sandbox.seed=false",
            "prm-sync.schedule.first-run-delay=3600000",
            "spring.datasource.url=jdbc:h2:mem:default-timing;DB_CLOSE_DELAY=-1"
        })
class DefaultTimingIT {

    private static final String FLOW = "partner-accounts";

    @Autowired
    SalesforceSimulator salesforce;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProducerTemplate template;

    @Autowired
    SyncProperties properties;

    @Autowired
    SettableClock clock;

    @Autowired
    io.prmsync.sync.run.SyncFlows flows;

    @Autowired
    io.prmsync.sync.run.FlowBlocks blocks;

    private static final AtomicInteger tests = new AtomicInteger();

    private SyncDriver sync;

    @BeforeEach
    void driver() {
        sync = new SyncDriver(template);
        // Ten minutes on per test: stamps only move forward in an org, so each test's changes come after the last's.
        clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofMinutes(10L * tests.incrementAndGet())));
    }

    @AfterEach
    void realClockForSalesforce() {
        salesforce.org().useClock(Clock.systemUTC());
    }

    @Autowired
    io.prmsync.sync.check.OrgCheck orgCheck;

    @Test
    void theDefaultsAreATwoSecondLagAFiveMinuteOverlapAndAnOrgCheckAtStartup() {
        assertThat(properties.settleLag()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.overlap()).isEqualTo(Duration.ofMinutes(5));
        // Every mapping's object described at start-up, and every shipped mapping passes.
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(salesforce.counters().count(io.prmsync.sandbox.Endpoint.DESCRIBE))
                        .isGreaterThanOrEqualTo(flows.names().size()));
        assertThat(flows.names())
                .allSatisfy(flow -> assertThat(blocks.reason(flow)).isEmpty())
                // The start-up check may still be applying its last findings: ask it again, deterministically.
                .allSatisfy(
                        flow -> assertThat(orgCheck.check(flow).runs()).as(flow).isTrue());
    }

    @Test
    void aSalesforceRecordCommittedBehindTheWatermarkArrivesThroughTheOverlap() {
        Instant now = clock.instant();
        insertAccount("Early Partner", "P-early", now.minusSeconds(10));
        sync.inbound(FLOW);
        Instant reached = watermark();

        // An Apex transaction stamped this record 40 s ago and committed only now, behind the watermark.
        insertAccount("Late Partner", "P-late", now.minusSeconds(40));
        clock.set(now.plusSeconds(3));
        sync.inbound(FLOW);

        assertThat(prmNames()).contains("Early Partner", "Late Partner");
        assertThat(watermark()).as("the watermark does not move back").isEqualTo(reached);
    }

    @Test
    void theOverlapClosesOnceTheFlowHasReadPastIt() {
        Instant now = clock.instant();
        insertAccount("Quiet Partner", "P-quiet", now.minusSeconds(10));
        sync.inbound(FLOW);
        assertThat(prmNames()).contains("Quiet Partner");

        clock.set(now.plusSeconds(30));
        sync.inbound(FLOW);
        assertThat(lastInboundRead())
                .as("inside the overlap: read again, unchanged")
                .isEqualTo(1);

        clock.set(now.plus(Duration.ofMinutes(6)));
        sync.inbound(FLOW);
        sync.outbound(FLOW);
        Instant outboundMark = outboundWatermark();
        clock.set(now.plus(Duration.ofMinutes(7)));
        sync.inbound(FLOW);
        sync.outbound(FLOW);

        assertThat(lastInboundRead()).as("a quiet flow reads nothing again").isZero();
        assertThat(outboundWatermark())
                .as("a run that found nothing leaves the watermark")
                .isEqualTo(outboundMark);
    }

    @Test
    void aSweepThatWouldDeleteMostPairedPartnersIsRefusedAndDeletesNothing() {
        Instant now = clock.instant();
        List<String> ids = List.of(
                insertAccount("Sweep A", "P-sweep-a", now.minusSeconds(10)),
                insertAccount("Sweep B", "P-sweep-b", now.minusSeconds(10)),
                insertAccount("Sweep C", "P-sweep-c", now.minusSeconds(10)));
        sync.inbound(FLOW);
        long paired = jdbc.sql("SELECT COUNT(*) FROM sync_record_state WHERE entity = 'partner-account'"
                        + " AND sf_id IS NOT NULL")
                .query(Long.class)
                .single();
        // Every account of this context but one gone from Salesforce, recycle bin emptied.
        jdbc
                .sql("SELECT sf_id FROM sync_record_state WHERE entity = 'partner-account' AND sf_id IS NOT NULL")
                .query(String.class)
                .list()
                .stream()
                .filter(id -> !id.equals(ids.get(0)))
                .forEach(id -> {
                    salesforce.org().delete(id);
                    salesforce.org().purge(id);
                });
        jdbc.sql("UPDATE sync_sweep SET swept_at = :at WHERE flow = :f")
                .param("at", now.minus(Duration.ofDays(15)).atOffset(ZoneOffset.UTC))
                .param("f", FLOW)
                .update();
        clock.set(now.plusSeconds(3));

        sync.inbound(FLOW);

        assertThat(jdbc.sql("SELECT state || ' ' || message FROM sync_run WHERE flow = :f AND direction = 'INBOUND'"
                                + " ORDER BY started_at DESC FETCH FIRST 1 ROWS ONLY")
                        .param("f", FLOW)
                        .query(String.class)
                        .single())
                .startsWith("FAILED")
                .contains("Deletion sweep of partner-accounts refused: " + (paired - 1) + " of " + paired
                        + " paired records are not among the live records Salesforce lists");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM partner_account WHERE deleted_at IS NOT NULL")
                        .query(Long.class)
                        .single())
                .isZero();
        long liveIdQueries = salesforce.counters().count(io.prmsync.sandbox.Endpoint.QUERY);
        clock.set(now.plusSeconds(6));
        sync.inbound(FLOW);
        assertThat(salesforce.counters().count(io.prmsync.sandbox.Endpoint.QUERY))
                .as("a refused sweep is not tried again on the next run")
                .isEqualTo(liveIdQueries);
        // The purged records are gone for good; the tests after this one start from an org that agrees.
        jdbc.sql("DELETE FROM sync_record_state WHERE entity = 'partner-account' AND sf_id <> :kept")
                .param("kept", ids.get(0))
                .update();
    }

    @Test
    void aPrmRowCommittedBehindTheWatermarkReachesSalesforceThroughTheOverlap() {
        Instant now = clock.instant();
        insertPrmPartner("P-prm-early", "Early in the portal", now.minusSeconds(10));
        sync.outbound(FLOW);
        assertThat(inSalesforce("P-prm-early")).isTrue();

        // A long portal transaction stamped this row 40 s ago and committed only now.
        insertPrmPartner("P-prm-late", "Late in the portal", now.minusSeconds(40));
        clock.set(now.plusSeconds(3));
        sync.outbound(FLOW);

        assertThat(inSalesforce("P-prm-late")).isTrue();
    }

    @Test
    void salesforceStampsWholeSecondsSoAPrmEditWinsAConflictOnlyFromTheNextSecondOn() {
        Instant now = clock.instant();
        String tie = insertAccount("Tie Partner", "P-tie", now.minusSeconds(20));
        String later = insertAccount("Later Partner", "P-later", now.minusSeconds(20));
        sync.inbound(FLOW);

        // Salesforce edits both at .900 of one second and stamps that second; the portal edits one at .500 of it
        // (before Salesforce did) and the other 1.2 s after it began (after Salesforce did).
        Instant second = now.minusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        salesforce.org().useClock(Clock.fixed(second.plusMillis(900), ZoneOffset.UTC));
        salesforce.org().update(tie, Map.of("Website", "salesforce.example"));
        salesforce.org().update(later, Map.of("Website", "salesforce.example"));
        editWebsiteInPrm("P-tie", second.plusMillis(500));
        editWebsiteInPrm("P-later", second.plusMillis(1200));
        sync.inbound(FLOW);

        assertThat(prmWebsite("P-tie"))
                .as("within one second nothing tells the edits apart: Salesforce's stands")
                .isEqualTo("salesforce.example");
        assertThat(prmWebsite("P-later")).isEqualTo("portal.example");
        assertThat(jdbc.sql("SELECT prm_key || ':' || winner FROM sync_conflict WHERE prm_key IN ('P-tie', 'P-later')"
                                + " ORDER BY prm_key")
                        .query(String.class)
                        .list())
                .containsExactly("P-later:prm", "P-tie:salesforce");
    }

    @Test
    void anOutboundRunBeforeTheInboundRunSettlesAnEditOnBothSidesByTheSameWholeSecondRule() {
        Instant now = clock.instant();
        String tie = insertAccount("Race Tie", "P-race-tie", now.minusSeconds(20));
        String later = insertAccount("Race Later", "P-race-later", now.minusSeconds(20));
        sync.inbound(FLOW);

        Instant second = now.minusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        salesforce.org().useClock(Clock.fixed(second.plusMillis(900), ZoneOffset.UTC));
        salesforce.org().update(tie, Map.of("Website", "salesforce.example"));
        salesforce.org().update(later, Map.of("Website", "salesforce.example"));
        editWebsiteInPrm("P-race-tie", second.plusMillis(500));
        editWebsiteInPrm("P-race-later", second.plusMillis(1200));
        clock.set(now.plusSeconds(3));
        sync.outbound(FLOW);

        assertThat(salesforce.org().findById(tie))
                .get()
                .extracting(r -> r.get("Website"))
                .as("within one second Salesforce's edit stands, and the outbound run does not overwrite it")
                .isEqualTo("salesforce.example");
        assertThat(salesforce.org().findById(later))
                .get()
                .extracting(r -> r.get("Website"))
                .isEqualTo("portal.example");
        assertThat(jdbc.sql("SELECT prm_key || ':' || winner FROM sync_conflict"
                                + " WHERE prm_key IN ('P-race-tie', 'P-race-later') ORDER BY prm_key")
                        .query(String.class)
                        .list())
                .containsExactly("P-race-later:prm", "P-race-tie:salesforce");
    }

    @Test
    void aSalesforceChangeYoungerThanTheLagWaitsForTheNextRunAndThenArrives() {
        Instant now = clock.instant();
        String settled = insertAccount("Settled Partner", "P-settled", now.minusSeconds(10));
        String young = insertAccount("Young Partner", "P-young", now.minusMillis(500));

        sync.inbound(FLOW);

        assertThat(prmNames()).contains("Settled Partner").doesNotContain("Young Partner");
        assertThat(watermark()).isBefore(now.minusMillis(500));

        clock.set(now.plusSeconds(3));
        sync.inbound(FLOW);

        assertThat(prmNames()).contains("Settled Partner", "Young Partner");
        assertThat(List.of(settled, young))
                .allSatisfy(id -> assertThat(pairedKey(id)).isNotNull());
    }

    @Test
    void aPrmChangeYoungerThanTheLagWaitsForTheNextRunAndThenReachesSalesforce() {
        Instant now = clock.instant();
        insertPrmPartner("P-prm-settled", "Settled in the portal", now.minusSeconds(10));
        insertPrmPartner("P-prm-young", "Young in the portal", now.minusMillis(500));

        sync.outbound(FLOW);

        assertThat(inSalesforce("P-prm-settled")).isTrue();
        assertThat(salesforce.org().findByField("Account", "PRM_Partner_Id__c", "P-prm-settled"))
                .singleElement()
                .extracting(account -> account.get("Partner_Tier__c"))
                .as("placed just before it was sent, and sent in the same write")
                .isEqualTo("REGISTERED");
        assertThat(inSalesforce("P-prm-young")).isFalse();

        clock.set(now.plusSeconds(3));
        sync.outbound(FLOW);

        assertThat(inSalesforce("P-prm-young")).isTrue();
    }

    @Test
    void aTierChangedByARunIsCarriedToSalesforceByItsFollowUpDespiteTheLag() {
        Instant now = clock.instant();
        String account = insertAccount("Learning Partner", "P-learner", now.minusSeconds(10));
        sync.inbound(FLOW);
        jdbc.sql("INSERT INTO deal_registration (deal_id, partner_id, customer_company, amount, currency, won, closed,"
                        + " close_date, new_customer, created_at, updated_at) VALUES ('D-learner', 'P-learner',"
                        + " 'Initech', 60000, 'USD', TRUE, TRUE, :closed, TRUE, :at, :at)")
                .param("closed", LocalDate.now(ZoneOffset.UTC).minusDays(30))
                .param("at", now.minusSeconds(10).atOffset(ZoneOffset.UTC))
                .update();
        salesforce.org().useClock(Clock.fixed(now.minusSeconds(10), ZoneOffset.UTC));
        SalesforceRecords.certification(
                salesforce.org(),
                account,
                "C-learner",
                "SALES-101",
                LocalDate.now(ZoneOffset.UTC).minusDays(10),
                LocalDate.now(ZoneOffset.UTC).plusDays(700));

        sync.inbound("certifications");

        assertThat(jdbc.sql("SELECT tier_code FROM partner_account WHERE partner_id = 'P-learner'")
                        .query(String.class)
                        .single())
                .isEqualTo("SILVER");
        assertThat(salesforce.org().findById(account))
                .get()
                .extracting(fields -> fields.get("Partner_Tier__c"))
                .isEqualTo("SILVER");
    }

    @Test
    void aTierChangedByTheScheduledEvaluationReachesSalesforceAtOnceDespiteTheLag() {
        Instant now = clock.instant();
        ensurePartnerProgram();
        String account = insertAccount("Rising Partner", "P-rising", now.minusSeconds(10));
        sync.inbound(FLOW);
        sync.outbound("tier-levels");
        jdbc.sql("INSERT INTO deal_registration (deal_id, partner_id, customer_company, amount, currency, won, closed,"
                        + " close_date, new_customer, created_at, updated_at) VALUES ('D-rising', 'P-rising',"
                        + " 'Initech', 60000, 'USD', TRUE, TRUE, :closed, TRUE, :at, :at)")
                .param("closed", LocalDate.now(ZoneOffset.UTC).minusDays(30))
                .param("at", now.minusSeconds(10).atOffset(ZoneOffset.UTC))
                .update();
        jdbc.sql("INSERT INTO certification (certification_id, partner_id, code, issued_on, expires_on, created_at,"
                        + " updated_at) VALUES ('C-rising', 'P-rising', 'SALES-101', :issued, :expires, :at, :at)")
                .param("issued", LocalDate.now(ZoneOffset.UTC).minusDays(100))
                .param("expires", LocalDate.now(ZoneOffset.UTC).plusDays(300))
                .param("at", now.minusSeconds(10).atOffset(ZoneOffset.UTC))
                .update();

        template.sendBody("direct:tier-evaluation", null);

        assertThat(salesforce.org().findById(account))
                .get()
                .extracting(fields -> fields.get("Partner_Tier__c"))
                .isEqualTo("SILVER");
        Object silver = salesforce
                .org()
                .findByField("ChannelProgramLevel", "PRM_Tier_Code__c", "SILVER")
                .get(0)
                .get("Id");
        assertThat(salesforce.org().findByField("ChannelProgramMember", "PRM_Partner_Id__c", "P-rising"))
                .singleElement()
                .extracting(member -> member.get("LevelId"))
                .isEqualTo(silver);
    }

    @Test
    void aChannelManagersOverrideReachesTheProgramMemberWithTheRunThatReadItDespiteTheLag() {
        Instant now = clock.instant();
        ensurePartnerProgram();
        sync.outbound("tier-levels");
        String account = insertAccount("Favoured Partner", "P-favoured", now.minusSeconds(20));
        sync.inbound(FLOW);
        template.sendBody("direct:tier-evaluation", null);

        salesforce.org().useClock(Clock.fixed(now.minusSeconds(10), ZoneOffset.UTC));
        salesforce
                .org()
                .update(
                        account,
                        Map.of(
                                "Partner_Tier_Override__c",
                                "Gold",
                                "Partner_Tier_Override_Expires__c",
                                LocalDate.now(ZoneOffset.UTC).plusDays(30)));
        sync.inbound(FLOW);

        Object gold = salesforce
                .org()
                .findByField("ChannelProgramLevel", "PRM_Tier_Code__c", "GOLD")
                .get(0)
                .get("Id");
        assertThat(salesforce.org().findById(account))
                .get()
                .extracting(fields -> fields.get("Partner_Tier__c"))
                .isEqualTo("GOLD");
        assertThat(salesforce.org().findByField("ChannelProgramMember", "PRM_Partner_Id__c", "P-favoured"))
                .singleElement()
                .extracting(member -> member.get("LevelId"))
                .isEqualTo(gold);
    }

    /** The program the tier-members flow puts partners in; tests of this class share one org. */
    private void ensurePartnerProgram() {
        if (salesforce
                .org()
                .findByField("ChannelProgram", "Name", "Partner Program")
                .isEmpty()) {
            salesforce.org().insert("ChannelProgram", Map.of("Name", "Partner Program"));
        }
    }

    private void editWebsiteInPrm(String key, Instant at) {
        jdbc.sql("UPDATE partner_account SET website = 'portal.example', updated_at = :t WHERE partner_id = :k")
                .param("t", at.atOffset(ZoneOffset.UTC))
                .param("k", key)
                .update();
    }

    private String prmWebsite(String key) {
        return jdbc.sql("SELECT website FROM partner_account WHERE partner_id = :k")
                .param("k", key)
                .query(String.class)
                .single();
    }

    private String insertAccount(String name, String prmKey, Instant stamp) {
        salesforce.org().useClock(Clock.fixed(stamp, ZoneOffset.UTC));
        return salesforce.org().insert("Account", Map.of("Name", name, "IsPartner", true, "PRM_Partner_Id__c", prmKey));
    }

    private void insertPrmPartner(String key, String name, Instant updatedAt) {
        jdbc.sql("INSERT INTO partner_account (partner_id, name, created_at, updated_at)"
                        + " VALUES (:k, :n, :at, :at)")
                .param("k", key)
                .param("n", name)
                .param("at", updatedAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    private List<String> prmNames() {
        return jdbc.sql("SELECT name FROM partner_account").query(String.class).list();
    }

    private boolean inSalesforce(String prmKey) {
        return !salesforce
                .org()
                .findByField("Account", "PRM_Partner_Id__c", prmKey)
                .isEmpty();
    }

    private Instant watermark() {
        return jdbc.sql("SELECT stamp FROM sync_watermark WHERE flow = :f AND direction = 'INBOUND'")
                .param("f", FLOW)
                .query((rs, n) ->
                        rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
                .single();
    }

    private long lastInboundRead() {
        return jdbc.sql("SELECT records_done FROM sync_run WHERE flow = :f AND direction = 'INBOUND'"
                        + " ORDER BY started_at DESC FETCH FIRST 1 ROWS ONLY")
                .param("f", FLOW)
                .query(Long.class)
                .single();
    }

    private Instant outboundWatermark() {
        return jdbc.sql("SELECT stamp FROM sync_watermark WHERE flow = :f AND direction = 'OUTBOUND'")
                .param("f", FLOW)
                .query((rs, n) ->
                        rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
                .single();
    }

    private String pairedKey(String sfId) {
        return jdbc.sql("SELECT prm_key FROM sync_record_state WHERE sf_id = :id")
                .param("id", sfId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** A clock that shows the time it was last set to. */
    @TestConfiguration
    static class StoppedClockConfiguration {

        @Bean
        @Primary
        SettableClock stoppedClock() {
            return new SettableClock(Instant.now());
        }
    }
}
