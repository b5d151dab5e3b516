package io.prmsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prmsync.sandbox.SimulatorClient.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompositeApiTest {

    private static final String COMPOSITE = "/services/data/v62.0/composite";

    private SalesforceSimulator simulator;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults());
        client = SimulatorClient.loggedIn(simulator);
        for (int i = 0; i < 30; i++) {
            simulator.org().insert("Account", Map.of("Name", String.format("Account %02d", i)));
        }
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void queriesInOneCallAreAnsweredInOrderAndCountAsOneApiCall() {
        long usage = simulator.org().apiUsage();

        Reply reply = client.send(
                "POST",
                COMPOSITE,
                composite(
                        query("SELECT Id, Name FROM Account WHERE Name IN ('Account 01', 'Account 02')", "first"),
                        query("SELECT Id, Name FROM Account WHERE Name = 'Account 29'", "second")));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode answers = reply.json().get("compositeResponse");
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0).get("referenceId").asText()).isEqualTo("first");
        assertThat(answers.get(0).get("httpStatusCode").asInt()).isEqualTo(200);
        assertThat(answers.get(0).get("body").get("totalSize").asInt()).isEqualTo(2);
        assertThat(answers.get(1).get("body").get("records").get(0).get("Name").asText())
                .isEqualTo("Account 29");
        assertThat(simulator.org().apiUsage() - usage).isEqualTo(1);
        assertThat(simulator.counters().count(Endpoint.COMPOSITE)).isEqualTo(1);
        assertThat(simulator.counters().count(Endpoint.QUERY)).isZero();
    }

    @Test
    void aSubrequestSalesforceRefusesGetsItsOwnErrorAndTheOthersAreStillAnswered() {
        Reply reply = client.send(
                "POST",
                COMPOSITE,
                composite(
                        query("SELECT Id, NoSuchField__c FROM Account", "broken"),
                        query("SELECT Id FROM Account WHERE Name = 'Account 03'", "fine")));

        JsonNode answers = reply.json().get("compositeResponse");
        assertThat(answers.get(0).get("httpStatusCode").asInt()).isEqualTo(400);
        assertThat(answers.get(0).get("body").get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(answers.get(1).get("httpStatusCode").asInt()).isEqualTo(200);
        assertThat(answers.get(1).get("body").get("totalSize").asInt()).isEqualTo(1);
    }

    @Test
    void moreThanFiveQueriesOrTwentyFiveSubrequestsAreRefusedWhole() {
        Object[] six = IntStream.range(0, 6)
                .mapToObj(i -> query("SELECT Id FROM Account", "q" + i))
                .toArray();
        Reply sixQueries = client.send("POST", COMPOSITE, composite(six));
        assertThat(sixQueries.status()).isEqualTo(400);
        assertThat(sixQueries.body()).contains("at most 5 query");

        Object[] many = IntStream.range(0, 26)
                .mapToObj(i ->
                        Map.of("method", "GET", "url", "/services/data/v62.0/sobjects/Account", "referenceId", "r" + i))
                .toArray();
        Reply tooMany = client.send("POST", COMPOSITE, composite(many));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("at most 25 subrequests");
    }

    @Test
    void aSubrequestUrlIsHeldToTheLimitOfARequestsOwnUrl() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            names.add(String.format("'Account %02d'", i));
        }
        String within =
                "SELECT Id FROM Account WHERE Name IN (" + String.join(", ", names) + ", 'x'".repeat(1_200) + ")";
        String beyond =
                "SELECT Id FROM Account WHERE Name IN (" + String.join(", ", names) + ", 'x'".repeat(1_600) + ")";
        assertThat(query(within, "a").get("url").toString()).hasSizeLessThan(SalesforceSimulator.REQUEST_HEAD_BYTES);
        assertThat(query(beyond, "b").get("url").toString()).hasSizeGreaterThan(SalesforceSimulator.REQUEST_HEAD_BYTES);

        Reply reply = client.send("POST", COMPOSITE, composite(query(within, "within"), query(beyond, "beyond")));

        JsonNode answers = reply.json().get("compositeResponse");
        assertThat(answers.get(0).get("body").get("totalSize").asInt()).isEqualTo(30);
        assertThat(answers.get(1).get("httpStatusCode").asInt()).isEqualTo(414);
        assertThat(answers.get(1).get("body").get(0).get("errorCode").asText()).isEqualTo("URI_TOO_LONG");
    }

    private static Map<String, Object> query(String soql, String referenceId) {
        return Map.of(
                "method",
                "GET",
                "url",
                "/services/data/v62.0/query/?q=" + SimulatorClient.encode(soql),
                "referenceId",
                referenceId);
    }

    private static Map<String, Object> composite(Object... subrequests) {
        return Map.of("allOrNone", false, "compositeRequest", List.of(subrequests));
    }
}
