package io.prmsync.sandbox;

import static io.prmsync.sandbox.QueryApiTest.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.sandbox.SimulatorClient.Reply;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Datetime filters and the (SystemModstamp, Id) watermark the sync engine relies on. */
class TimestampQueryTest {

    private static final Instant T1 = Instant.parse("2024-05-01T10:15:30Z");
    private static final Instant T2 = Instant.parse("2024-05-01T11:00:00Z");

    private SalesforceSimulator simulator;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults());
        client = SimulatorClient.loggedIn(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void timestampsComeFromTheOrgClockInWholeSecondsInSalesforceFormat() {
        simulator.org().useClock(Clock.fixed(Instant.parse("2024-05-01T10:15:30.123456Z"), ZoneOffset.UTC));
        simulator.org().insert("Account", Map.of("Name", "Stamped"));

        Reply reply = client.query("SELECT CreatedDate, LastModifiedDate, SystemModstamp FROM Account");

        var record = reply.json().get("records").get(0);
        assertThat(record.get("CreatedDate").asText()).isEqualTo("2024-05-01T10:15:30.000+0000");
        assertThat(record.get("LastModifiedDate").asText()).isEqualTo("2024-05-01T10:15:30.000+0000");
        assertThat(record.get("SystemModstamp").asText()).isEqualTo("2024-05-01T10:15:30.000+0000");
    }

    @Test
    void datetimeFiltersAcceptEverySalesforceLiteralForm() {
        insertAt(T1, "first");
        insertAt(T2, "second");

        assertThat(names(client.query("SELECT Name FROM Account WHERE SystemModstamp > 2024-05-01T10:15:29Z")))
                .containsExactlyInAnyOrder("first", "second");
        assertThat(names(client.query("SELECT Name FROM Account WHERE SystemModstamp = 2024-05-01T10:15:30.000+0000")))
                .containsExactly("first");
        assertThat(names(client.query("SELECT Name FROM Account WHERE SystemModstamp >= 2024-05-01T12:00:00+01:00")))
                .containsExactly("second");
    }

    @Test
    void watermarkOnStampAndIdLosesNoRowThatSharesTheStamp() {
        List<String> ids = List.of(insertAt(T1, "a"), insertAt(T1, "b"), insertAt(T1, "c"), insertAt(T2, "d"));
        String soql = "SELECT Id, Name FROM Account WHERE SystemModstamp > 2024-05-01T10:15:30Z"
                + " OR (SystemModstamp = 2024-05-01T10:15:30Z AND Id > '" + ids.get(0) + "')"
                + " ORDER BY SystemModstamp, Id";

        assertThat(names(client.query(soql))).containsExactly("b", "c", "d");
    }

    @Test
    void dateFieldsCompareWithDateLiterals() {
        simulator.org().insert("Account", Map.of("Name", "expiring", "Partner_Tier_Override_Expires__c", "2024-06-30"));
        simulator.org().insert("Account", Map.of("Name", "later", "Partner_Tier_Override_Expires__c", "2024-09-30"));

        assertThat(names(client.query("SELECT Name FROM Account WHERE Partner_Tier_Override_Expires__c < 2024-07-01")))
                .containsExactly("expiring");
    }

    private String insertAt(Instant instant, String name) {
        simulator.org().useClock(Clock.fixed(instant, ZoneOffset.UTC));
        return simulator.org().insert("Account", Map.of("Name", name));
    }
}
