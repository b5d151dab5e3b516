package io.prmsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.support.ServiceProcess;
import io.prmsync.support.ShippedMappings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three packaged-service processes on one PostgreSQL store, one simulated org, and a three-server ZooKeeper
 * ensemble ({@code curator-test}) as the coordinator: the flows spread over the nodes; the node leading partner
 * accounts is stalled (SIGSTOP) in the middle of a {@value #RECORDS}-record run, then the next leader is killed
 * (SIGKILL) in the middle of another, and each time another node takes the flow over and finishes it; the stalled
 * node, woken, commits nothing; one ZooKeeper server lost changes nothing, the quorum lost stops every poller until
 * it is back. The store's run records must show no two runs of a flow at once, and both sides must agree.
 */
class ZooKeeperClusterIT {

    static final int RECORDS = 10_000;
    private static final Duration SESSION = Duration.ofSeconds(6);
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final String FLOW = "partner-accounts";
    private static final List<String> NODES = List.of("node-1", "node-2", "node-3");
    private static final String CHANNEL = "/data/AccountChangeEvent";
    static final String MAPPINGS = "target/zookeeper-cluster-mappings";

    static {
        // Partner accounts take change events too; the org publishes none until the test selects Account.
        ShippedMappings.copyWith(
                MAPPINGS,
                "partner-accounts.yaml",
                "  external-id: PRM_Partner_Id__c\n",
                "  external-id: PRM_Partner_Id__c\n  change-events: true\n");
    }

    /** Kept after the build, for reading what each node did. */
    private final Path dir = ClusterHarness.logDirectory("zookeeper");

    private TestingCluster zookeeper;
    private ClusterHarness cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Test
    void flowsSpreadADeadOrStalledLeadersFlowIsTakenOverAndNoQuorumMeansNoPolling() throws Exception {
        zookeeper = new TestingCluster(3);
        zookeeper.start();
        cluster = new ClusterHarness("zookeeper_cluster", dir);
        SalesforceSimulator salesforce = cluster.salesforce();
        // The program tier levels are written under (tier-levels-outbound looks it up).
        salesforce.org().insert("ChannelProgram", Map.of("Name", "Partner Program"));
        for (String node : NODES) {
            cluster.start(node, arguments(node));
        }
        for (ServiceProcess node : cluster.nodes().values()) {
            node.awaitHealthy(Duration.ofSeconds(120));
        }
        List<String> report = new ArrayList<>();

        // Flows spread: seven flows over three nodes, at most three each.
        Map<String, String> leaders =
                cluster.await(Duration.ofSeconds(90), "the flows to spread over the nodes", () -> {
                    Map<String, String> now = cluster.leaders();
                    Map<String, Long> perNode =
                            now.values().stream().collect(Collectors.groupingBy(n -> n, Collectors.counting()));
                    return now.size() == 7
                                    && perNode.size() == 3
                                    && perNode.values().stream().allMatch(n -> n <= 3)
                            ? now
                            : null;
                });
        report.add("leaders " + leaders);

        // A stalled leader: its flow is taken over, and once woken it keeps nothing it was about to commit.
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            accounts.add(salesforce
                    .org()
                    .insert("Account", Map.of("Name", "zk " + i, "IsPartner", true, "Phone", "+1 555 " + i)));
        }
        salesforce.faults().latency(Duration.ofMillis(200));
        ClusterHarness.Run stalledRun = awaitRunUnderWay();
        String stalled = stalledRun.node();
        cluster.stall(stalled);
        Instant stalledAt = Instant.now();
        ClusterHarness.Run takeover = awaitRunElsewhere(stalled, stalledAt);
        report.add("stalled " + stalled + "; " + takeover.node() + " ran " + FLOW + " "
                + Duration.between(stalledAt, takeover.started()).toMillis() + " ms later");
        cluster.awaitAgreement(FLOW, RECORDS);
        cluster.resume(stalled);
        String fenced =
                cluster.await(Duration.ofSeconds(60), "the woken node's run to end", () -> message(stalledRun.id()));
        // Refused by the fence, or by PostgreSQL, which ended its session for sitting in a transaction too long
        // (its commit or rollback then fails): either way it committed nothing after the takeover.
        assertThat(fenced).startsWith("FAILED");

        // A killed leader, in the middle of updating every record.
        for (String account : accounts) {
            salesforce.org().update(account, Map.of("Phone", "+44 20 " + account.hashCode()));
        }
        String killed = awaitRunUnderWay().node();
        cluster.node(killed).kill();
        Instant killedAt = Instant.now();
        ClusterHarness.Run afterKill = awaitRunElsewhere(killed, killedAt);
        report.add("killed " + killed + "; " + afterKill.node() + " ran " + FLOW + " "
                + Duration.between(killedAt, afterKill.started()).toMillis() + " ms later");
        salesforce.faults().latency(Duration.ZERO);
        cluster.awaitAgreement(FLOW, RECORDS);

        // One ZooKeeper server lost: a quorum is left, the flows go on.
        Iterator<InstanceSpec> servers = zookeeper.getInstances().iterator();
        InstanceSpec first = servers.next();
        InstanceSpec second = servers.next();
        zookeeper.killServer(first);
        Instant oneServerDown = Instant.now();
        cluster.await(
                Duration.ofSeconds(60),
                "runs with one ZooKeeper server down",
                () -> startedAfter(oneServerDown) > 0 ? true : null);

        // The quorum lost: once the nodes' sessions are suspended, nothing polls.
        zookeeper.killServer(second);
        Thread.sleep(SESSION.plusSeconds(4).toMillis());
        Instant quiet = Instant.now();
        Thread.sleep(10_000);
        long runsWithoutQuorum = startedBetween(quiet, Instant.now());
        report.add(runsWithoutQuorum + " runs started in the 10 s without a quorum");
        assertThat(runsWithoutQuorum)
                .as("runs started without a ZooKeeper quorum")
                .isZero();

        zookeeper.restartServer(first);
        zookeeper.restartServer(second);
        Instant quorumBack = Instant.now();
        cluster.await(
                Duration.ofSeconds(120),
                "polling to resume with the quorum",
                () -> startedAfter(quorumBack) > 0 ? true : null);
        report.add("polling resumed "
                + Duration.between(quorumBack, firstStartAfter(quorumBack)).toMillis()
                + " ms after the quorum was back");

        // Change Data Capture: one node holds the channel (the leader of its flow), and an edit arrives once.
        salesforce.changeEvents().selectEntities("Account");
        cluster.await(Duration.ofSeconds(30), "one subscription to " + CHANNEL, () -> {
            return salesforce.changeEvents().openStreams() == 1 ? true : null;
        });
        String edited = accounts.get(0);
        salesforce.org().update(edited, Map.of("Name", "zk streamed"));
        cluster.await(
                Duration.ofSeconds(60),
                "the streamed edit in the PRM store",
                () -> cluster.count("SELECT COUNT(*) FROM partner_account WHERE name = 'zk streamed'") == 1
                        ? true
                        : null);
        assertThat(cluster.count("SELECT COUNT(*) FROM webhook_inbox WHERE source = 'salesforce-change-event'"
                        + " AND record_id = '" + edited + "'"))
                .as("the edit's event stored once")
                .isEqualTo(1);
        // Leadership may still be settling after the quorum came back (a flow handed over every rebalance): the
        // channel follows partner accounts' leader, and is held by one node once it has moved.
        cluster.await(
                Duration.ofSeconds(30),
                "one subscription to " + CHANNEL + " across the nodes",
                () -> salesforce.changeEvents().openStreams() == 1 ? true : null);
        report.add("change events held by one node; the edit arrived once");

        List<ClusterHarness.Run> runs = cluster.runs();
        // The runs each failed node had under way (of any flow) were taken over; a stalled one must have failed.
        Set<String> ended = new HashSet<>();
        for (ClusterHarness.Run run : runs) {
            boolean cutByTheStall = run.node().equals(stalled)
                    && run.started().isBefore(stalledAt)
                    && (run.finished() == null || run.finished().isAfter(stalledAt));
            if (cutByTheStall) {
                assertThat(message(run.id())).as("a run the stall cut short").startsWith("FAILED");
                ended.add(run.id());
            }
            if (run.node().equals(killed) && run.finished() == null) {
                ended.add(run.id());
            }
        }
        System.out.println("ZooKeeper cluster: " + String.join("; ", report) + "; " + runs.size() + " runs");
        assertThat(ClusterHarness.overlapping(runs, ended))
                .as("runs of one flow that overlapped (the stalled and the killed node's last runs aside)")
                .isEmpty();
        assertThat(cluster.count("SELECT COUNT(*) FROM dead_letter WHERE status = 'OPEN'"))
                .isZero();
    }

    private List<String> arguments(String node) {
        List<String> arguments = new ArrayList<>(List.of(
                "--camel.cluster.zookeeper.enabled=true",
                "--camel.cluster.zookeeper.nodes=" + zookeeper.getConnectString(),
                "--camel.cluster.zookeeper.id=" + node,
                "--camel.cluster.zookeeper.base-path=/prm-sync-test",
                "--camel.cluster.zookeeper.session-timeout=" + SESSION.toMillis(),
                "--camel.cluster.zookeeper.connection-timeout=3000",
                "--prm-sync.cluster.lease-duration=" + LEASE,
                "--prm-sync.cluster.rebalance-every=PT2S",
                "--prm-sync.schedule.first-run-delay=200",
                "--prm-sync.sync.lock-wait=PT2S"));
        arguments.add("--prm-sync.sync.mappings-dir=" + MAPPINGS);
        for (String schedule : List.of(
                "partner-accounts.inbound",
                "partner-accounts.outbound",
                "certifications.inbound",
                "certifications.outbound",
                "deal-registrations.inbound",
                "deal-registrations.outbound",
                "deal-outcomes.inbound",
                "partner-activities.inbound",
                "partner-activities.outbound",
                "tier-levels.outbound",
                "tier-members.outbound")) {
            arguments.add("--prm-sync.flows." + schedule + ".period=" + PERIOD.toMillis());
        }
        return arguments;
    }

    /** A run of the flow, on whichever node leads it now, that has committed some of its records. */
    private ClusterHarness.Run awaitRunUnderWay() throws Exception {
        return cluster.await(Duration.ofSeconds(90), "a run of " + FLOW + " to be under way", () -> {
            try (var select = cluster.db.prepareStatement("SELECT run_id FROM sync_run WHERE flow = ? AND direction"
                    + " = 'INBOUND' AND state = 'RUNNING' AND records_done > 0")) {
                select.setString(1, FLOW);
                try (var rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return null;
                    }
                    String id = rows.getString(1);
                    return cluster.runs().stream()
                            .filter(run -> run.id().equals(id))
                            .findFirst()
                            .orElse(null);
                }
            }
        });
    }

    private ClusterHarness.Run awaitRunElsewhere(String node, Instant after) throws Exception {
        return cluster.await(
                SESSION.plus(LEASE).plus(PERIOD).plusSeconds(60),
                "another node to run " + FLOW,
                () -> cluster.runs().stream()
                        .filter(run -> run.flow().equals(FLOW)
                                && !run.node().equals(node)
                                && run.started().isAfter(after))
                        .findFirst()
                        .orElse(null));
    }

    private String message(String runId) throws Exception {
        try (var select = cluster.db.prepareStatement("SELECT state, message FROM sync_run WHERE run_id = ?")) {
            select.setString(1, runId);
            try (var rows = select.executeQuery()) {
                rows.next();
                return "RUNNING".equals(rows.getString(1)) ? null : rows.getString(1) + " " + rows.getString(2);
            }
        }
    }

    private long startedAfter(Instant at) throws Exception {
        return startedBetween(at, Instant.now().plusSeconds(3600));
    }

    private long startedBetween(Instant from, Instant to) throws Exception {
        return cluster.runs().stream()
                .filter(run -> run.started().isAfter(from) && run.started().isBefore(to))
                .count();
    }

    private Instant firstStartAfter(Instant at) throws Exception {
        return cluster.runs().stream()
                .map(ClusterHarness.Run::started)
                .filter(started -> started.isAfter(at))
                .min(Instant::compareTo)
                .orElseThrow();
    }
}
