package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.store.ChangeEventPositions;
import io.prmsync.support.ShippedMappings;
import io.prmsync.support.SyncRunRows;
import io.prmsync.sync.run.ChangeEventStreams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Change Data Capture at the default timing, which {@link ChangeEventContract} shortens: the settle lag (2 s), the
 * overlap (5 min), whole-second stamps as Salesforce gives them, and the supervisor's 5 s period. An edit arrives
 * through its event alone, and a gap is healed by a poll that reads past it although the poll leaves the last two
 * seconds to a later run.
 */
@SpringBootTest(
        properties = {
            "prm-sync.sandbox.seed=false",
            "prm-sync.schedule.first-run-delay=3600000",
            "spring.datasource.url=jdbc:h2:mem:change-event-default-timing;DB_CLOSE_DELAY=-1",
            "prm-sync.sync.mappings-dir=" + ChangeEventDefaultTimingIT.MAPPINGS,
            "prm-sync.sandbox.change-data-capture=Account"
        })
class ChangeEventDefaultTimingIT {

    static final String MAPPINGS = "target/change-event-default-timing-mappings";
    private static final String CHANNEL = "/data/AccountChangeEvent";
    private static final Duration WITHIN = Duration.ofSeconds(40);

    static {
        ShippedMappings.copyWith(
                MAPPINGS,
                "partner-accounts.yaml",
                "  external-id: PRM_Partner_Id__c\n",
                "  external-id: PRM_Partner_Id__c\n  change-events: true\n");
    }

    @Autowired
    SalesforceSimulator salesforce;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChangeEventPositions positions;

    @Autowired
    ChangeEventStreams streams;

    private String tag;
    private Instant testStart;

    @BeforeEach
    void healedStart() {
        await("the subscription's first healing poll")
                .atMost(WITHIN)
                .until(() -> positions.find(CHANNEL).isPresent()
                        && positions.find(CHANNEL).get().healAfter().isEmpty()
                        && !streams.status().get(0).lastHealRuns().isEmpty()
                        && streams.status().get(0).lastHealRuns().stream().allMatch(this::finished));
        tag = UUID.randomUUID().toString().substring(0, 8);
        testStart = Instant.now();
    }

    @Test
    void anEditArrivesThroughItsEventAlone() {
        String id = salesforce.org().insert("Account", partner(tag + " streamed", "P-" + tag));
        await().atMost(WITHIN).until(() -> names().equals(List.of(tag + " streamed")));

        salesforce.org().update(id, Map.of("Name", tag + " renamed"));
        await().atMost(WITHIN).until(() -> names().equals(List.of(tag + " renamed")));
        assertThat(inboundModesSinceStart()).containsOnly("RECORDS");
    }

    @Test
    void aGapIsHealedByAPollThatReadsPastIt() {
        salesforce.changeEvents().gapNext("Account", 1);
        salesforce.org().insert("Account", partner(tag + " in a gap", "P-" + tag));

        await().atMost(WITHIN).until(() -> names().equals(List.of(tag + " in a gap")));
        assertThat(inboundModesSinceStart()).contains("INCREMENTAL");
    }

    private static Map<String, Object> partner(String name, String key) {
        return Map.of("Name", name, "IsPartner", true, "PRM_Partner_Id__c", key);
    }

    private List<String> names() {
        return jdbc.sql("SELECT name FROM partner_account WHERE name LIKE :p AND deleted_at IS NULL ORDER BY name")
                .param("p", tag + "%")
                .query(String.class)
                .list();
    }

    private boolean finished(String runId) {
        return new SyncRunRows(jdbc).finished(runId);
    }

    private List<String> inboundModesSinceStart() {
        return new SyncRunRows(jdbc).inboundModesSince("partner-accounts", testStart);
    }
}
