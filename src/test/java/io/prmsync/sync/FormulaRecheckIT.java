package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.support.ShippedMappings;
import io.prmsync.support.SyncDriver;
import io.prmsync.sync.check.OrgCheck;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A formula field changes without SystemModstamp moving, so no incremental read sees it: a mapping that marks it
 * {@code recheck: P1D} has every record read again once a day.
 */
@SpringBootTest(
        properties = {
            "prm-sync.sandbox.seed=false",
            "prm-sync.schedule.first-run-delay=3600000",
            "spring.datasource.url=jdbc:h2:mem:formula-recheck;DB_CLOSE_DELAY=-1",
            "prm-sync.sync.settle-lag=PT0S",
            "prm-sync.sandbox.millisecond-stamps=true",
            "prm-sync.sync.overlap=PT0S",
            "prm-sync.sync.check-org-at-startup=false",
            "prm-sync.sync.mappings-dir=" + FormulaRecheckIT.MAPPINGS
        })
class FormulaRecheckIT {

    static final String MAPPINGS = "target/formula-recheck-mappings";
    private static final String FLOW = "partner-accounts";

    static {
        // The shipped mappings, with the partner's annual revenue a formula in this org.
        ShippedMappings.copyWith(
                MAPPINGS,
                "partner-accounts.yaml",
                "{ salesforce: AnnualRevenue,     owner: salesforce }",
                "{ salesforce: AnnualRevenue,     owner: salesforce, recheck: P1D }");
    }

    @Autowired
    SalesforceSimulator salesforce;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProducerTemplate template;

    @Autowired
    OrgCheck orgCheck;

    @Test
    void aRecalculatedFormulaArrivesWithTheDailyRecheckNotBefore() throws IOException {
        assertThat(Files.readString(Path.of(MAPPINGS, "partner-accounts.yaml"))).contains("recheck: P1D");
        SyncDriver sync = new SyncDriver(template);
        salesforce.org().makeCalculated("Account", "AnnualRevenue");
        String id = salesforce
                .org()
                .insert("Account", Map.of("Name", "Formula Co", "IsPartner", true, "AnnualRevenue", 1000));
        // Settled: the new partner's tier went out and came back, so no record of it is left to read.
        sync.settle(FLOW);
        assertThat(orgCheck.check(FLOW).runs())
                .as("a rechecked formula passes the org check")
                .isTrue();

        salesforce.org().recalculate(id, "AnnualRevenue", 5000);
        sync.inbound(FLOW);
        BigDecimal beforeTheRecheck = revenue();
        jdbc.sql("UPDATE sync_recheck SET rechecked_at = :at WHERE flow = :flow")
                .param("at", OffsetDateTime.now(ZoneOffset.UTC).minusDays(2))
                .param("flow", FLOW)
                .update();
        sync.inbound(FLOW);

        assertThat(beforeTheRecheck).as("an incremental read cannot see it").isEqualByComparingTo("1000");
        assertThat(revenue()).isEqualByComparingTo("5000");
        assertThat(jdbc.sql("SELECT rechecked_at FROM sync_recheck WHERE flow = :flow")
                        .param("flow", FLOW)
                        .query(OffsetDateTime.class)
                        .single()
                        .toInstant())
                .isAfter(Instant.now().minusSeconds(60));
    }

    private BigDecimal revenue() {
        return jdbc.sql("SELECT annual_revenue FROM partner_account WHERE name = 'Formula Co'")
                .query(BigDecimal.class)
                .single();
    }
}
