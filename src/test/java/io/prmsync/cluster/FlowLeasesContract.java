package io.prmsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prmsync.support.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes on one store, each with its own leases and clock, as two processes would have: the store alone keeps
 * them from running one flow at once, and a node that lost its lease keeps nothing it commits.
 */
abstract class FlowLeasesContract {

    /** What one node shares, the others read at once. */
    private static final ClusterProperties SHARED_AT_ONCE =
            new ClusterProperties(Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ZERO, Duration.ZERO);

    private static final ClusterProperties PROPERTIES =
            new ClusterProperties(Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ZERO);

    /** Both nodes' clock, moved by the test (the leases judge expiry by it). */
    final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T00:00:00Z"));

    JdbcClient jdbc;
    private TransactionTemplate transaction;
    FlowLeases nodeA;
    FlowLeases nodeB;
    String flow;

    abstract DataSource store();

    @BeforeEach
    void twoNodes() {
        DataSource store = store();
        jdbc = JdbcClient.create(store);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(store));
        nodeA = node("node-a", PROPERTIES);
        nodeB = node("node-b", PROPERTIES);
        flow = "flow-" + UUID.randomUUID();
    }

    FlowLeases node(String name, ClusterProperties properties) {
        return new FlowLeases(jdbc, new NodeIdentity(name), properties, clock);
    }

    @AfterEach
    void stopRenewals() {
        nodeA.close();
        nodeB.close();
    }

    /**
     * Runs following each other on one node release the flow for a moment only; a node polling for it would never
     * get its turn (two cluster tests starved that way) unless it says it waits.
     */
    @Test
    void aNodeWaitingForTheFlowGetsItBeforeTheHoldersNextRun() throws Exception {
        nodeA.acquire(flow, Duration.ZERO).orElseThrow();
        CompletableFuture<Optional<FlowLease>> waiting =
                CompletableFuture.supplyAsync(() -> nodeB.acquire(flow, Duration.ofSeconds(20)));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                // No one wants it until node B's first try fails: null first (single() refuses a null value).
                .until(() -> jdbc.sql("SELECT wanted_by FROM flow_lease WHERE flow = :flow")
                        .param("flow", flow)
                        .query(String.class)
                        .list()
                        .contains("node-b"));

        nodeA.release(flow);

        assertThat(nodeA.acquire(flow, Duration.ZERO))
                .as("the holder's next run, at once")
                .isEmpty();
        assertThat(waiting.get(20, TimeUnit.SECONDS)).map(FlowLease::node).contains("node-b");
        nodeB.release(flow);
        assertThat(nodeA.acquire(flow, Duration.ZERO))
                .as("the claim ends with the take")
                .isPresent();
    }

    @Test
    void aHeldFlowIsNotTakenByAnotherNodeAndEveryNewHolderGetsAGreaterToken() {
        FlowLease first = nodeA.acquire(flow, Duration.ZERO).orElseThrow();

        assertThat(nodeB.acquire(flow, Duration.ofMillis(200))).isEmpty();
        assertThat(nodeB.holder(flow).map(FlowLeases.Holder::node)).contains("node-a");

        nodeA.release(flow);
        FlowLease second = nodeB.acquire(flow, Duration.ZERO).orElseThrow();
        nodeB.release(flow);
        FlowLease third = nodeA.acquire(flow, Duration.ZERO).orElseThrow();

        assertThat(first.token()).isLessThan(second.token());
        assertThat(second.token()).isLessThan(third.token());
        assertThat(second.node()).isEqualTo("node-b");
    }

    @Test
    void aNodeWaitingForAFlowTakesItWhenItsHolderLetsGo() throws Exception {
        FlowLease first = nodeA.acquire(flow, Duration.ZERO).orElseThrow();
        CompletableFuture<Optional<FlowLease>> waiting =
                CompletableFuture.supplyAsync(() -> nodeB.acquire(flow, Duration.ofSeconds(30)));
        Thread.sleep(300);
        assertThat(waiting).isNotDone();

        nodeA.release(flow);

        FlowLease taken = waiting.get(30, TimeUnit.SECONDS).orElseThrow();
        assertThat(taken.node()).isEqualTo("node-b");
        assertThat(taken.token()).isEqualTo(first.token() + 1);
    }

    @Test
    void aNodeThatStalledPastItsLeaseKeepsNothingItCommitsAfterAnotherTookTheFlowOver() {
        nodeA.acquire(flow, Duration.ZERO).orElseThrow();
        // Node A stalls (a long collection pause): its lease expires and node B takes the flow over.
        clock.advance(Duration.ofSeconds(31));
        FlowLease takenOver = nodeB.acquire(flow, Duration.ZERO).orElseThrow();

        FlowTransactions stalled = new FlowTransactions(transaction, nodeA);
        assertThatThrownBy(() -> stalled.executeWithoutResult(flow, tx -> recordRecheck("stalled")))
                .isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("node-a")
                .hasMessageContaining("held now by node-b");
        new FlowTransactions(transaction, nodeB).executeWithoutResult(flow, tx -> recordRecheck("holder"));

        assertThat(recheckedBy()).containsExactly("holder");
        assertThat(nodeA.holder(flow).map(FlowLeases.Holder::token)).contains(takenOver.token());
    }

    @Test
    void aRunThatStalledPastItsLeaseAfterItsLastCommitCannotEndAsIfItHadDoneTheWork() {
        nodeA.acquire(flow, Duration.ZERO).orElseThrow();
        nodeA.confirmStillHeld(flow);
        clock.advance(Duration.ofSeconds(31));
        nodeA.confirmStillHeld(flow);

        nodeB.acquire(flow, Duration.ZERO).orElseThrow();

        assertThatThrownBy(() -> nodeA.confirmStillHeld(flow))
                .isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("held now by node-b")
                .hasMessageContaining("the run ends as failed");
        nodeB.confirmStillHeld(flow);
    }

    @Test
    void aRenewedLeaseOutlivesItsFirstExpiryAndAnExpiredOneIsTakenOver() {
        nodeA.acquire(flow, Duration.ZERO).orElseThrow();

        clock.advance(Duration.ofSeconds(25));
        nodeA.renewHeld();
        clock.advance(Duration.ofSeconds(10));
        assertThat(nodeB.acquire(flow, Duration.ZERO))
                .as("renewed at 25 s, so held at 35 s")
                .isEmpty();

        clock.advance(Duration.ofSeconds(21));
        assertThat(nodeB.acquire(flow, Duration.ZERO))
                .as("not renewed since, so free at 56 s")
                .isPresent();
        nodeA.renewHeld();
        assertThat(nodeB.holder(flow).map(FlowLeases.Holder::node))
                .as("a renewal cannot win a lease back")
                .contains("node-b");
    }

    @Test
    void commitsOutsideARunOfTheFlowAreNotFenced() {
        new FlowTransactions(transaction, nodeA).executeWithoutResult(flow, tx -> recordRecheck("outside a run"));

        assertThat(recheckedBy()).containsExactly("outside a run");
    }

    @Test
    void aThrottlePauseOneNodeTakesHoldsTheFlowOnTheOtherUntilItIsLifted() {
        SharedFlowPauses onA = new SharedFlowPauses(jdbc, new NodeIdentity("node-a"), SHARED_AT_ONCE, clock);
        SharedFlowPauses onB = new SharedFlowPauses(jdbc, new NodeIdentity("node-b"), SHARED_AT_ONCE, clock);

        onA.pause(flow, clock.instant().plus(Duration.ofMinutes(15)), "REQUEST_LIMIT_EXCEEDED");

        assertThat(onB.current(flow))
                .get()
                .extracting(SharedFlowPauses.Pause::node)
                .isEqualTo("node-a");
        onB.lift(flow);
        assertThat(onA.current(flow)).isEmpty();
        onA.pause(flow, clock.instant().plus(Duration.ofMinutes(15)), "again");
        clock.advance(Duration.ofMinutes(16));
        assertThat(onB.current(flow)).as("a pause that has run out").isEmpty();
    }

    @Test
    void everyNodeObeysTheNewestApiBudgetReadingWhicheverNodeTookIt() {
        SharedApiUsage onA = new SharedApiUsage(jdbc, new NodeIdentity("node-a"), SHARED_AT_ONCE, clock);
        SharedApiUsage onB = new SharedApiUsage(jdbc, new NodeIdentity("node-b"), SHARED_AT_ONCE, clock);

        onA.publish(4_000, 5_000, clock.instant());
        clock.advance(Duration.ofSeconds(1));
        onB.publish(4_500, 5_000, clock.instant());
        onA.publish(100, 5_000, clock.instant().minusSeconds(30));

        assertThat(onA.latest())
                .get()
                .extracting(SharedApiUsage.Reading::used, SharedApiUsage.Reading::node)
                .containsExactly(4_500L, "node-b");
    }

    @Test
    void aScheduledTaskRunsOncePerPeriodAcrossTheNodesWhicheverTimerFiresFirst() {
        ClusterTasks onA = new ClusterTasks(jdbc, new NodeIdentity("node-a"), clock);
        ClusterTasks onB = new ClusterTasks(jdbc, new NodeIdentity("node-b"), clock);
        String task = "task-" + flow;
        Duration hourly = Duration.ofHours(1);

        assertThat(onA.claimIfDue(task, hourly)).isTrue();
        clock.advance(Duration.ofMinutes(7));
        assertThat(onB.claimIfDue(task, hourly))
                .as("begun by node A 7 minutes ago")
                .isFalse();
        onA.finished(task);
        clock.advance(Duration.ofMinutes(46));
        assertThat(onA.claimIfDue(task, hourly))
                .as("53 minutes since: not due yet")
                .isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(onB.claimIfDue(task, hourly))
                .as("55 minutes since: due, a timer firing a little early forgiven")
                .isTrue();
        assertThat(onA.claimIfDue(task, hourly)).isFalse();

        ClusterTasks.LastRun last = onA.lastRun(task).orElseThrow();
        assertThat(last.startedBy()).isEqualTo("node-b");
        assertThat(last.startedAt()).isEqualTo(clock.instant());
        assertThat(last.finishedAt()).contains(clock.instant().minus(Duration.ofMinutes(48)));
    }

    @Test
    void twoNodesClaimingOneTaskAtOnceNeverBothWin() throws Exception {
        ClusterTasks onA = new ClusterTasks(jdbc, new NodeIdentity("node-a"), clock);
        ClusterTasks onB = new ClusterTasks(jdbc, new NodeIdentity("node-b"), clock);
        String task = "task-" + flow;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int period = 0; period < 50; period++) {
                clock.advance(Duration.ofHours(1));
                var ready = new java.util.concurrent.CyclicBarrier(2);
                var a = pool.submit(() -> {
                    ready.await();
                    return onA.claimIfDue(task, Duration.ofHours(1));
                });
                var b = pool.submit(() -> {
                    ready.await();
                    return onB.claimIfDue(task, Duration.ofHours(1));
                });
                assertThat(java.util.List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS)))
                        .as("period %d", period)
                        .containsExactlyInAnyOrder(true, false);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTaskHeldUntilCommitOnOneNodeKeepsTheSameTaskOnAnotherWaitingUntilThen() throws Exception {
        ClusterTasks onA = new ClusterTasks(jdbc, new NodeIdentity("node-a"), clock);
        ClusterTasks onB = new ClusterTasks(jdbc, new NodeIdentity("node-b"), clock);
        String task = "tier-evaluation";
        var aHolds = new java.util.concurrent.CountDownLatch(1);
        var aMayCommit = new java.util.concurrent.CountDownLatch(1);
        var aCommitted = new java.util.concurrent.atomic.AtomicLong();
        CompletableFuture<Void> nodeAWork = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(tx -> {
            onA.holdUntilCommit(task);
            aHolds.countDown();
            await(aMayCommit);
            aCommitted.set(System.nanoTime());
        }));
        await(aHolds);
        CompletableFuture<Long> nodeBWork = CompletableFuture.supplyAsync(() -> transaction.execute(tx -> {
            onB.holdUntilCommit(task);
            return System.nanoTime();
        }));
        Thread.sleep(300);
        assertThat(nodeBWork)
                .as("node B waits while node A's transaction holds the task")
                .isNotDone();

        aMayCommit.countDown();
        nodeAWork.get(30, TimeUnit.SECONDS);
        assertThat(nodeBWork.get(30, TimeUnit.SECONDS)).isGreaterThan(aCommitted.get());
        assertThatThrownBy(() -> onA.holdUntilCommit(task))
                .as("outside a transaction there is nothing to hold it until")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> transaction.executeWithoutResult(tx -> onA.holdUntilCommit("task-" + flow)))
                .as("a task no migration brought")
                .hasMessageContaining("task-" + flow + " has no row in cluster_task");
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("waited 30 s for the other node");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Any row will do: sync_recheck stands for the rows, sync state and watermark a run commits. */
    private void recordRecheck(String by) {
        jdbc.sql("INSERT INTO sync_recheck (flow, rechecked_at) VALUES (:flow, :at)")
                .param("flow", flow + "/" + by)
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    private java.util.List<String> recheckedBy() {
        return jdbc
                .sql("SELECT flow FROM sync_recheck WHERE flow LIKE :prefix ORDER BY flow")
                .param("prefix", flow + "/%")
                .query(String.class)
                .list()
                .stream()
                .map(row -> row.substring(flow.length() + 1))
                .toList();
    }
}
