package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.support.ShippedMappings;
import io.prmsync.support.SyncDriver;
import io.prmsync.sync.inbound.InboundApplier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An admin maps a Salesforce field to a column it does not fit (here the postal code to the number of employees):
 * the records whose values fit are applied, the one whose value does not becomes a dead letter naming the field,
 * the column and the record. A page this size translates its records on several cores, and the one that fails must
 * still be the only one that does.
 */
@SpringBootTest(
        properties = {
            "prm-sync.sandbox.seed=false",
            "prm-sync.schedule.first-run-delay=3600000",
            "spring.datasource.url=jdbc:h2:mem:inbound-mapping-error;DB_CLOSE_DELAY=-1",
            "prm-sync.sandbox.millisecond-stamps=true",
            "prm-sync.sync.check-org-at-startup=false",
            "prm-sync.sync.mappings-dir=" + InboundMappingErrorIT.MAPPINGS
        })
class InboundMappingErrorIT {

    static final String MAPPINGS = "target/inbound-mapping-error-mappings";
    private static final String FLOW = "partner-accounts";
    private static final int FITTING = 120;

    static {
        ShippedMappings.copyWith(MAPPINGS, "partner-accounts.yaml", """
                  employees:           { salesforce: NumberOfEmployees, owner: salesforce }
                  billing_street:      { salesforce: BillingStreet,     owner: salesforce }
                  billing_city:        { salesforce: BillingCity,       owner: salesforce }
                  billing_postal_code: { salesforce: BillingPostalCode, owner: salesforce }
                """, """
                  employees:           { salesforce: BillingPostalCode, owner: salesforce }
                  billing_street:      { salesforce: BillingStreet,     owner: salesforce }
                  billing_city:        { salesforce: BillingCity,       owner: salesforce }
                """);
    }

    @Autowired
    SalesforceSimulator salesforce;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProducerTemplate template;

    @Test
    void aValueThatDoesNotFitItsColumnDeadLettersItsRecordAloneAndTheRestOfThePageIsApplied() {
        assertThat(FITTING + 1)
                .as("a page large enough to be translated on several cores")
                .isGreaterThanOrEqualTo(InboundApplier.TRANSLATE_IN_PARALLEL_FROM);
        String misfit = null;
        for (int i = 0; i <= FITTING; i++) {
            Map<String, Object> fields = new HashMap<>(Map.of("Name", "Postal " + i, "IsPartner", true));
            fields.put("BillingPostalCode", i == FITTING / 2 ? "SW1A 1AA" : String.valueOf(10_000 + i));
            String id = salesforce.org().insert("Account", fields);
            if (i == FITTING / 2) {
                misfit = id;
            }
        }

        // At the default settle lag a run reads records only once they are a little older: runs until it has.
        SyncDriver sync = new SyncDriver(template);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    sync.inbound(FLOW);
                    assertThat(jdbc.sql("SELECT COUNT(*) FROM partner_account WHERE name LIKE 'Postal %'")
                                    .query(Long.class)
                                    .single())
                            .isEqualTo(FITTING);
                });
        assertThat(jdbc.sql("SELECT employees FROM partner_account WHERE name = 'Postal 7'")
                        .query(Long.class)
                        .single())
                .isEqualTo(10_007L);
        List<Map<String, Object>> letters = jdbc.sql(
                        "SELECT record_key, error_code, error_message FROM dead_letter WHERE flow = :flow")
                .param("flow", FLOW)
                .query()
                .listOfRows();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0)).containsEntry("RECORD_KEY", misfit).containsEntry("ERROR_CODE", "MAPPING_ERROR");
        assertThat(letters.get(0).get("ERROR_MESSAGE").toString())
                .contains("Account.BillingPostalCode", "'SW1A 1AA'", misfit, "partner_account.employees");
    }
}
