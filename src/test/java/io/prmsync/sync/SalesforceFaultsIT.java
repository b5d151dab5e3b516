package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.prmsync.salesforce.ApiUsage;
import io.prmsync.sandbox.Endpoint;
import io.prmsync.sandbox.SimulatedFailure;
import io.prmsync.store.Direction;
import io.prmsync.sync.route.SyncLauncher;
import io.prmsync.sync.run.RunGate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;

/**
 * Each class of Salesforce failure, injected by the simulator, and what the service does about it: transient
 * ones are retried and the run succeeds; permanent ones are not retried; a locked row is sent again with the next
 * run; a throttled org pauses the flow; a nearly spent API budget stops scheduled runs first; an org that keeps
 * failing opens the circuit breaker, which closes again once calls succeed.
 */
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:salesforce-faults;DB_CLOSE_DELAY=-1",
            "prm-sync.resilience.circuit-breaker.minimum-number-of-calls=4",
            "prm-sync.resilience.circuit-breaker.sliding-window-size=4",
            // Long enough that the second run below still finds the breaker open on a loaded machine.
            "prm-sync.resilience.circuit-breaker.wait-in-open-state=PT10S",
            "prm-sync.resilience.circuit-breaker.permitted-calls-in-half-open-state=2",
            "prm-sync.resilience.throttle-pause=PT1H"
        })
class SalesforceFaultsIT extends SandboxSyncContract {

    @Autowired
    CircuitBreaker salesforceCircuitBreaker;

    @Autowired
    RunGate gate;

    @Autowired
    ApiUsage apiUsage;

    @Autowired
    SyncLauncher launcher;

    @BeforeEach
    void closeTheBreaker() {
        salesforceCircuitBreaker.reset();
    }

    @AfterEach
    void forgetThrottlingAndBudget() {
        gate.resume(FLOW);
        apiUsage.record("api-usage=0/1000000");
        salesforce.faults().clear();
        salesforceCircuitBreaker.reset();
    }

    @Test
    void transientFailuresAreRetriedAndTheRunSucceeds() {
        salesforce.org().insert("Account", partner(tag + " patient", "P-" + tag));
        long calls = salesforce.counters().count(Endpoint.QUERY_ALL);
        salesforce
                .faults()
                .failNext(Endpoint.QUERY_ALL, 1, SimulatedFailure.serverUnavailable())
                .failNext(Endpoint.QUERY_ALL, 1, SimulatedFailure.connectionReset())
                .failNext(Endpoint.QUERY_ALL, 1, SimulatedFailure.unableToLockRow());

        sync.inbound(FLOW);

        assertThat(lastRunState("INBOUND")).isEqualTo("SUCCEEDED");
        assertThat(salesforce.counters().count(Endpoint.QUERY_ALL) - calls).isEqualTo(4);
        assertThat(prmNamesLike(tag + " patient")).hasSize(1);
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        long calls = salesforce.counters().count(Endpoint.QUERY_ALL);
        salesforce
                .faults()
                .failNext(
                        Endpoint.QUERY_ALL,
                        1,
                        SimulatedFailure.httpError(
                                400, "INVALID_FIELD", "No such column 'Partner_Tier__c' on entity 'Account'"));

        sync.inbound(FLOW);

        assertThat(lastRunState("INBOUND")).isEqualTo("FAILED");
        assertThat(lastRunMessage()).startsWith("PERMANENT").contains("INVALID_FIELD");
        assertThat(salesforce.counters().count(Endpoint.QUERY_ALL) - calls).isEqualTo(1);
    }

    @Test
    void anExpiredSessionIsRenewedByTheComponentWithoutFailingTheRun() {
        salesforce.org().insert("Account", partner(tag + " renewed", "P-" + tag));
        salesforce.faults().expireSessions();

        sync.inbound(FLOW);

        assertThat(lastRunState("INBOUND")).isEqualTo("SUCCEEDED");
        assertThat(prmNamesLike(tag + " renewed")).hasSize(1);
    }

    @Test
    void aLockedRowIsSentAgainWithTheNextRunInsteadOfBeingDeadLettered() {
        insertPrmPartner("P-" + tag + "-locked", tag + " locked");
        insertPrmPartner("P-" + tag + "-free", tag + " free");
        salesforce
                .faults()
                .rejectRecords(
                        "Account",
                        "Name",
                        tag + " locked",
                        "UNABLE_TO_LOCK_ROW",
                        "unable to obtain exclusive access to this record");

        sync.outbound(FLOW);

        assertThat(accountsWithExternalId("P-" + tag + "-free")).hasSize(1);
        assertThat(accountsWithExternalId("P-" + tag + "-locked")).isEmpty();
        assertThat(openDeadLetters("P-" + tag + "-locked")).isZero();
        assertThat(parked("P-" + tag + "-locked")).isEqualTo(1);

        salesforce.faults().clear();
        sync.outbound(FLOW);

        assertThat(accountsWithExternalId("P-" + tag + "-locked")).hasSize(1);
        assertThat(parked("P-" + tag + "-locked")).isZero();
        assertThat(openDeadLetters("P-" + tag + "-locked")).isZero();
    }

    @Test
    void aThrottledOrgPausesTheFlowAndTheStatusSaysSo() {
        salesforce.faults().failNext(Endpoint.QUERY_ALL, 1, SimulatedFailure.requestLimitExceeded());
        sync.inbound(FLOW);
        assertThat(lastRunState("INBOUND")).isEqualTo("FAILED");
        assertThat(lastRunMessage()).startsWith("THROTTLED");
        long calls = salesforce.counters().count(Endpoint.QUERY_ALL);
        long runs = runCount();

        sync.inbound(FLOW);
        sync.outbound(FLOW);

        assertThat(salesforce.counters().count(Endpoint.QUERY_ALL)).isEqualTo(calls);
        assertThat(runCount()).isEqualTo(runs);
        List<Map<String, Object>> status = http.exchange(
                        "/api/sync/status", HttpMethod.GET, new HttpEntity<>(authorized()), List.class)
                .getBody();
        assertThat(status)
                .filteredOn(flow -> FLOW.equals(flow.get("name")))
                .isNotEmpty()
                .allSatisfy(flow -> {
                    assertThat(flow.get("pausedUntil")).isNotNull();
                    assertThat((String) flow.get("pauseReason")).contains("REQUEST_LIMIT_EXCEEDED");
                });
    }

    @Test
    void aNearlySpentBudgetStopsScheduledRunsFirstAndEveryRunAtTheCeiling() {
        String key = "P-" + tag;
        insertPrmPartner(key, tag + " budget");
        long used = salesforce.org().apiUsage();
        // After the next call about 90% of the allocation is used: above the 80% for scheduled runs.
        salesforce.org().setDailyApiLimit((used + 2) * 10 / 9);
        sync.inbound(FLOW);
        assertThat(apiUsage.latest().orElseThrow().share()).isBetween(0.8, 0.95);
        long writes = collectionWrites();

        sync.outbound(FLOW);
        assertThat(collectionWrites()).isEqualTo(writes);
        assertThat(accountsWithExternalId(key)).isEmpty();

        // A webhook-driven run still goes, below the ceiling.
        assertThat(launcher.runRecords(FLOW, Direction.OUTBOUND, List.of(key), Duration.ofSeconds(5)))
                .isInstanceOf(SyncLauncher.RecordsOutcome.Synced.class);
        assertThat(accountsWithExternalId(key)).hasSize(1);

        salesforce.org().setDailyApiLimit(salesforce.org().apiUsage());
        sync.inbound(FLOW);
        assertThat(launcher.runRecords(FLOW, Direction.OUTBOUND, List.of(key), Duration.ofSeconds(5)))
                .isInstanceOf(SyncLauncher.RecordsOutcome.Busy.class);
        salesforce.org().setDailyApiLimit(1_000_000);
    }

    @Test
    void anOrgThatKeepsFailingOpensTheBreakerWhichClosesOnceCallsSucceedAgain() {
        long calls = salesforce.counters().count(Endpoint.QUERY_ALL);
        salesforce.faults().failNext(Endpoint.QUERY_ALL, 50, SimulatedFailure.serverUnavailable());

        sync.inbound(FLOW);

        // Four failures fill the window; the fifth try is refused by the breaker without reaching Salesforce.
        assertThat(salesforceCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(salesforce.counters().count(Endpoint.QUERY_ALL) - calls).isEqualTo(4);
        assertThat(lastRunMessage()).startsWith("CIRCUIT_OPEN");
        assertThat(http.exchange("/actuator/health", HttpMethod.GET, new HttpEntity<>(authorized()), String.class)
                        .getBody())
                .contains("\"circuitBreaker\":\"OPEN\"");

        sync.inbound(FLOW);
        assertThat(salesforce.counters().count(Endpoint.QUERY_ALL) - calls).isEqualTo(4);

        salesforce.faults().clear();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> salesforceCircuitBreaker.getState() == CircuitBreaker.State.HALF_OPEN);
        sync.inbound(FLOW);
        sync.inbound(FLOW);
        assertThat(salesforceCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(lastRunState("INBOUND")).isEqualTo("SUCCEEDED");
    }

    private String lastRunMessage() {
        return jdbc.sql("SELECT message FROM sync_run WHERE flow = :f ORDER BY started_at DESC FETCH FIRST 1 ROWS ONLY")
                .param("f", FLOW)
                .query(String.class)
                .single();
    }

    private long openDeadLetters(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM dead_letter WHERE record_key = :k AND status = 'OPEN'")
                .param("k", key)
                .query(Long.class)
                .single();
    }

    private long parked(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM parked_record WHERE record_key = :k")
                .param("k", key)
                .query(Long.class)
                .single();
    }
}
