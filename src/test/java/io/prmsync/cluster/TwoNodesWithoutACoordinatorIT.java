package io.prmsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.support.ServiceProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two packaged-service processes on one PostgreSQL store and one simulated org, with no coordinator: both poll
 * the flow every second and both are asked for on-demand runs, while both sides keep changing. The flows' leases
 * in the store alone must keep the nodes from running a flow at once (either direction), and every record must end
 * up on both sides exactly once. {@code -Dcluster.seconds=N} sets how long both nodes run (60).
 */
class TwoNodesWithoutACoordinatorIT {

    private static final int SECONDS = Integer.getInteger("cluster.seconds", 60);
    private static final int PER_SIDE = 2_000;
    private static final long SEED = Long.getLong("cluster.seed", 20261205L);
    private static final String FLOW = "partner-accounts";

    /** Kept after the build, for reading what each node did. */
    private final Path dir = ClusterHarness.logDirectory("two-nodes");

    private SalesforceSimulator salesforce;
    private ClusterHarness cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoNodesPollingAndAskedAtOnceNeverRunAFlowTogetherAndSyncEveryRecordOnce() throws Exception {
        Random random = new Random(SEED);
        cluster = new ClusterHarness("two_nodes", dir);
        salesforce = cluster.salesforce();
        List<String> salesforceBorn = seed();
        for (String node : List.of("node-1", "node-2")) {
            cluster.start(
                    node,
                    List.of(
                            "--prm-sync.schedule.first-run-delay=200",
                            "--prm-sync.flows." + FLOW + ".inbound.period=1s",
                            "--prm-sync.flows." + FLOW + ".outbound.period=1s",
                            "--prm-sync.sync.lock-wait=PT3S"));
        }
        for (ServiceProcess node : cluster.nodes().values()) {
            node.awaitHealthy(Duration.ofSeconds(90));
        }

        Instant until = Instant.now().plusSeconds(SECONDS);
        int asked = 0;
        int round = 0;
        while (Instant.now().isBefore(until)) {
            // Both nodes asked at once, each for both directions; refusals (409: running here) are fine.
            for (ServiceProcess node : cluster.nodes().values()) {
                HttpResponse<String> answer = node.post("/api/sync/" + FLOW + "/run");
                assertThat(answer.statusCode()).as(answer.body()).isIn(202, 409);
                asked++;
            }
            changeBothSides(random, salesforceBorn, ++round);
            Thread.sleep(1_000);
        }

        JsonNode report = cluster.awaitAgreement(FLOW, 2L * PER_SIDE);
        List<ClusterHarness.Run> runs = cluster.runs().stream()
                .filter(run -> run.flow().equals(FLOW))
                .collect(Collectors.toCollection(ArrayList::new));
        // A run still going on now is the last one; every earlier one has ended.
        if (runs.get(runs.size() - 1).finished() == null) {
            runs.remove(runs.size() - 1);
        }
        System.out.printf(
                "Two nodes for %d s, %d on-demand requests: %d runs of %s (%s); reconciliation %s%n",
                SECONDS,
                asked,
                runs.size(),
                FLOW,
                runs.stream().collect(Collectors.groupingBy(ClusterHarness.Run::node, Collectors.counting())),
                report);

        assertThat(runs.stream().map(ClusterHarness.Run::node).collect(Collectors.toSet()))
                .as("both nodes ran the flow")
                .containsExactlyInAnyOrder("node-1", "node-2");
        assertThat(ClusterHarness.overlapping(runs, Set.of()))
                .as("runs of one flow that overlapped")
                .isEmpty();
        assertThat(report.get("unexplained").asLong()).isZero();
        assertThat(report.get("duplicatesInSalesforce").asLong()).isZero();
        assertThat(report.get("matched").asLong()).isEqualTo(2L * PER_SIDE);
        Map<Object, Long> perKey = salesforce.org().records("Account").stream()
                .filter(r -> r.get("PRM_Partner_Id__c") != null)
                .collect(Collectors.groupingBy(r -> r.get("PRM_Partner_Id__c"), Collectors.counting()));
        assertThat(perKey).hasSize(2 * PER_SIDE);
        assertThat(perKey.values()).allMatch(n -> n == 1);
        assertThat(cluster.count("SELECT COUNT(*) FROM partner_account")).isEqualTo(2L * PER_SIDE);
        // Each node says who it is and who ran the flow last; no coordinator, so no one leads.
        JsonNode status = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(cluster.node("node-2").get("/api/sync/status").body());
        for (JsonNode flow : status) {
            assertThat(flow.get("shownBy").asText()).isEqualTo("node-2");
            assertThat(flow.get("ledBy").isNull()).isTrue();
            if (flow.get("name").asText().equals(FLOW)) {
                assertThat(flow.get("lastRunNode").asText()).isIn("node-1", "node-2");
            }
        }
        assertThat(cluster.count("SELECT COUNT(*) FROM dead_letter WHERE status = 'OPEN'"))
                .as("no false STORE_CONSTRAINT dead letters from racing nodes")
                .isZero();
        // Both nodes' hourly timers for the evaluation of every partner fired at start-up: one evaluated.
        String logs = Files.readString(dir.resolve("node-1.log")) + Files.readString(dir.resolve("node-2.log"));
        assertThat(logs.lines().filter(line -> line.contains("tier evaluation (")))
                .as("evaluations of every partner in the nodes' logs")
                .hasSize(1);
        assertThat(cluster.count("SELECT COUNT(*) FROM cluster_task WHERE name = 'tier-evaluation'"
                        + " AND last_started_by IN ('node-1', 'node-2') AND last_finished_at IS NOT NULL"))
                .isEqualTo(1);
    }

    private List<String> seed() throws Exception {
        List<String> salesforceBorn = new ArrayList<>();
        for (int i = 0; i < PER_SIDE; i++) {
            salesforceBorn.add(salesforce
                    .org()
                    .insert("Account", Map.of("Name", "node sf " + i, "IsPartner", true, "Phone", "+1 555 " + i)));
        }
        try (PreparedStatement insert = cluster.db.prepareStatement("INSERT INTO partner_account (partner_id, name,"
                + " description, created_at, updated_at) VALUES (?, ?, 'from the portal', CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP)")) {
            for (int i = 0; i < PER_SIDE; i++) {
                insert.setString(1, "P-node-" + i);
                insert.setString(2, "node prm " + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return salesforceBorn;
    }

    private void changeBothSides(Random random, List<String> salesforceBorn, int round) throws Exception {
        for (int i = 0; i < 20; i++) {
            salesforce
                    .org()
                    .update(
                            salesforceBorn.get(random.nextInt(PER_SIDE)),
                            Map.of("Phone", "+44 20 " + random.nextInt(1_000_000)));
        }
        // One row a statement, as a portal edits: a batch of rows in random order, one transaction, could deadlock
        // with a run writing the same rows in another order (PostgreSQL then aborted the batch).
        try (PreparedStatement update = cluster.db.prepareStatement(
                "UPDATE partner_account SET description = ?, updated_at = CURRENT_TIMESTAMP WHERE partner_id = ?")) {
            for (int i = 0; i < 20; i++) {
                update.setString(1, "round " + round);
                update.setString(2, "P-node-" + random.nextInt(PER_SIDE));
                update.executeUpdate();
            }
        }
    }
}
