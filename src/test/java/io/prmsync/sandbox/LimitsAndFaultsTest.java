package io.prmsync.sandbox;

import static io.prmsync.sandbox.QueryApiTest.errorCode;
import static io.prmsync.sandbox.SimulatorClient.DATA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prmsync.sandbox.SimulatorClient.Reply;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LimitsAndFaultsTest {

    private SalesforceSimulator simulator;

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void everyDataAnswerReportsApiUsageAndThePastLimitCallIsRefused() {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults().withDailyApiLimit(3));
        SimulatorClient client = SimulatorClient.loggedIn(simulator);

        List<String> usage = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            usage.add(client.get(DATA + "/limits").header("Sforce-Limit-Info"));
        }
        Reply refused = client.query("SELECT Id FROM Account");

        assertThat(usage).containsExactly("api-usage=1/3", "api-usage=2/3", "api-usage=3/3");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(errorCode(refused)).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(QueryApiTest.message(refused)).isEqualTo("TotalRequests Limit exceeded.");
        assertThat(simulator.org().apiUsage()).isEqualTo(3);
    }

    @Test
    void raisingTheLimitLetsCallsThroughAgainAndDirectOrgWritesAreFree() {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults().withDailyApiLimit(1));
        SimulatorClient client = SimulatorClient.loggedIn(simulator);
        client.get(DATA + "/limits");
        simulator.org().insert("Account", Map.of("Name", "Typed in the UI"));

        simulator.org().setDailyApiLimit(2);

        assertThat(client.query("SELECT Name FROM Account")
                        .json()
                        .get("totalSize")
                        .asInt())
                .isEqualTo(1);
        assertThat(simulator.org().apiUsage()).isEqualTo(2);
    }

    @Test
    void latencyDelaysEveryAnswer() {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults());
        SimulatorClient client = SimulatorClient.loggedIn(simulator);
        simulator.faults().latency(Duration.ofMillis(300));

        long started = System.nanoTime();
        client.get(DATA + "/limits");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void injectedHttpErrorsHitTheNextCallsThenTheEndpointRecovers() {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults());
        SimulatorClient client = SimulatorClient.loggedIn(simulator);
        simulator.faults().failNext(Endpoint.QUERY, 2, SimulatedFailure.serverUnavailable());

        Reply first = client.query("SELECT Id FROM Account");
        Reply second = client.query("SELECT Id FROM Account");
        Reply limits = client.get(DATA + "/limits");
        Reply third = client.query("SELECT Id FROM Account");

        assertThat(first.status()).isEqualTo(503);
        assertThat(errorCode(first)).isEqualTo("SERVER_UNAVAILABLE");
        assertThat(second.status()).isEqualTo(503);
        assertThat(limits.status()).isEqualTo(200);
        assertThat(third.status()).isEqualTo(200);
    }

    @Test
    void lockErrorsCanBeInjectedOnCollections() {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults());
        SimulatorClient client = SimulatorClient.loggedIn(simulator);
        simulator.faults().failNext(Endpoint.COLLECTION_UPSERT, 1, SimulatedFailure.unableToLockRow());

        Reply reply = client.send(
                "PATCH",
                DATA + "/composite/sobjects/Account/PRM_Partner_Id__c",
                CollectionsApiTest.body(false, List.of(CollectionsApiTest.account("A", "P-1"))));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(errorCode(reply)).isEqualTo("UNABLE_TO_LOCK_ROW");
        assertThat(simulator.org().count("Account")).isZero();
    }

    @Test
    void connectionFaultsBreakTheConnectionInsteadOfAnswering() {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults());
        SimulatorClient client = SimulatorClient.loggedIn(simulator);
        simulator.faults().failNext(Endpoint.LIMITS, 1, SimulatedFailure.connectionReset());

        assertThatThrownBy(() -> client.get(DATA + "/limits")).isInstanceOf(UncheckedIOException.class);
        assertThat(client.get(DATA + "/limits").status()).isEqualTo(200);
    }

    @Test
    void clearRemovesPendingFailuresLatencyAndRejections() {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults());
        SimulatorClient client = SimulatorClient.loggedIn(simulator);
        simulator
                .faults()
                .failNext(Endpoint.LIMITS, 5, SimulatedFailure.emptyResponse())
                .latency(Duration.ofSeconds(5))
                .rejectRecords("Account", "Name", "X", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "no");

        simulator.faults().clear();

        assertThat(simulator.faults().latency()).isZero();
        assertThat(client.get(DATA + "/limits").status()).isEqualTo(200);
        assertThat(client.send("POST", DATA + "/sobjects/Account", Map.of("Name", "X"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void countersCountRequestsPerEndpointAndReset() {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults());
        SimulatorClient client = SimulatorClient.loggedIn(simulator);
        client.query("SELECT Id FROM Account");
        client.queryAll("SELECT Id FROM Account");
        client.get(DATA + "/sobjects/Account/describe");
        client.send("POST", DATA + "/sobjects/Account", Map.of("Name", "A"));

        assertThat(simulator.counters().count(Endpoint.TOKEN)).isEqualTo(1);
        assertThat(simulator.counters().count(Endpoint.QUERY)).isEqualTo(1);
        assertThat(simulator.counters().count(Endpoint.QUERY_ALL)).isEqualTo(1);
        assertThat(simulator.counters().count(Endpoint.DESCRIBE)).isEqualTo(1);
        assertThat(simulator.counters().count(Endpoint.SOBJECT_CREATE)).isEqualTo(1);
        assertThat(simulator.counters().total()).isEqualTo(5);

        simulator.counters().reset();

        assertThat(simulator.counters().total()).isZero();
    }

    @Test
    void concurrentWritesAllLandWithDistinctIds() throws Exception {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults());
        SimulatorClient client = SimulatorClient.loggedIn(simulator);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String partnerId = "P-" + i;
                replies.add(CompletableFuture.supplyAsync(
                        () -> client.send(
                                "PATCH",
                                DATA + "/sobjects/Account/PRM_Partner_Id__c/" + partnerId,
                                Map.of("Name", partnerId)),
                        pool));
            }
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get();

            assertThat(replies).allSatisfy(r -> assertThat(r.get().status()).isEqualTo(201));
            assertThat(replies.stream().map(r -> r.join().json().get("id").asText()))
                    .doesNotHaveDuplicates();
            assertThat(simulator.org().count("Account")).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }
}
