package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.support.ShippedMappings;
import io.prmsync.support.SyncDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A mapping that opts in to {@code duplicates: allow-save} gets partners saved that a duplicate rule flags. */
@SpringBootTest(
        properties = {
            "prm-sync.sandbox.seed=false",
            "prm-sync.schedule.first-run-delay=3600000",
            "spring.datasource.url=jdbc:h2:mem:duplicate-rules;DB_CLOSE_DELAY=-1",
            "prm-sync.sync.check-org-at-startup=false",
            "prm-sync.sync.mappings-dir=" + DuplicateRulesIT.MAPPINGS
        })
class DuplicateRulesIT {

    static final String MAPPINGS = "target/duplicate-rules-mappings";

    static {
        // The shipped mappings, with partner accounts asking Salesforce to save what its duplicate rules flag.
        ShippedMappings.copyWith(
                MAPPINGS,
                "partner-accounts.yaml",
                "  object: Account\n",
                "  object: Account\n  duplicates: allow-save\n");
    }

    @Autowired
    SalesforceSimulator salesforce;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProducerTemplate template;

    @Test
    void aPartnerNamedLikeAnExistingAccountIsSavedWhenTheMappingAllowsSave() throws IOException {
        assertThat(Files.readString(Path.of(MAPPINGS, "partner-accounts.yaml"))).contains("duplicates: allow-save");
        String customer = salesforce.org().insert("Account", Map.of("Name", "Twin Co"));
        salesforce.org().activateDuplicateRule("Account", "Name");
        jdbc.sql("INSERT INTO partner_account (partner_id, name, created_at, updated_at)"
                        + " VALUES ('P-twin', 'Twin Co', :at, :at)")
                // Committed before the default 2 s settle lag: this test runs with the default settings.
                .param("at", java.time.OffsetDateTime.now().minusSeconds(10))
                .update();

        new SyncDriver(template).outbound("partner-accounts");

        assertThat(salesforce.org().findByField("Account", "PRM_Partner_Id__c", "P-twin"))
                .singleElement()
                .satisfies(partner -> assertThat(partner.get("Id")).isNotEqualTo(customer));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dead_letter")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
