package io.prmsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.sandbox.SimulatorSettings;
import io.prmsync.support.EmbeddedPostgres;
import io.prmsync.support.ServiceProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * Scenario {@code cluster-inbound}: the inbound flows that carry the seeded records, run by one packaged-service
 * node, then by three nodes on one PostgreSQL store, each node running a different flow (no coordinator: the
 * store's per-flow leases keep one run per flow). Each measurement gets a fresh simulator, seeded alike, and a
 * fresh database; its wall time runs from the first trigger until every record has landed in the PRM tables.
 */
final class ClusterInbound {

    /** Each flow with the PRM table its records land in; accounts first, so that flow goes to node-1. */
    private static final Map<String, String> FLOWS = orderedFlows();

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PATIENCE = Duration.ofMinutes(30);

    private final int accounts;
    private final int certificationsPerAccount;
    private final int dealsPerAccount;
    private final int bulkThreshold;
    private final Path logs;
    private final ObjectMapper json = new ObjectMapper();

    ClusterInbound(int accounts, int certificationsPerAccount, int dealsPerAccount, int bulkThreshold, Path logs) {
        this.accounts = accounts;
        this.certificationsPerAccount = certificationsPerAccount;
        this.dealsPerAccount = dealsPerAccount;
        this.bulkThreshold = bulkThreshold;
        this.logs = logs;
    }

    private static Map<String, String> orderedFlows() {
        Map<String, String> flows = new LinkedHashMap<>();
        flows.put("partner-accounts", "partner_account");
        flows.put("deal-registrations", "deal_registration");
        flows.put("certifications", "certification");
        return flows;
    }

    void run(BenchReport.Scenario scenario) throws Exception {
        if (Files.exists(logs)) {
            SyncBenchmark.deleteTree(logs);
        }
        Measurement one = measure(1);
        Measurement three = measure(3);
        int cores = Runtime.getRuntime().availableProcessors();
        scenario.figure("records", three.records())
                .figure("cores", cores)
                .figure(
                        "sharedCores",
                        "every node, PostgreSQL and the simulator run on this machine's " + cores
                                + " cores; three nodes share them, so they cannot triple one node's throughput:"
                                + " they can add only what one node leaves idle")
                .figure("oneNode", one.figures())
                .figure("threeNodes", three.figures())
                .figure(
                        "threeNodesAgainstOneNode",
                        Math.round(three.recordsPerSecond() / one.recordsPerSecond() * 100) / 100.0)
                .figure("nodeLogs", logs.toString());
    }

    /** One measurement, in its fresh org and database, torn down whatever happens. */
    private Measurement measure(int nodes) throws Exception {
        String database =
                "bench_cluster_" + nodes + "_" + UUID.randomUUID().toString().replace("-", "");
        String url = EmbeddedPostgres.jdbcUrl(database);
        try {
            // Migrated once, before any node starts, as the cluster tests do: the nodes then start alike.
            Flyway.configure()
                    .dataSource(url, EmbeddedPostgres.USER, EmbeddedPostgres.USER)
                    .load()
                    .migrate();
            try (SalesforceSimulator salesforce =
                    SalesforceSimulator.start(SimulatorSettings.defaults().withPort(0))) {
                SyncBenchmark.seedSalesforce(salesforce, accounts, certificationsPerAccount, dealsPerAccount);
                try (Nodes cluster = new Nodes();
                        Connection db = EmbeddedPostgres.connect(url)) {
                    long starting = System.nanoTime();
                    Map<String, ServiceProcess> nodeOfFlow = start(cluster, salesforce, url, nodes);
                    for (ServiceProcess node : cluster.all()) {
                        node.awaitHealthy(Duration.ofMinutes(3));
                    }
                    double startSeconds = (System.nanoTime() - starting) / 1e9;
                    return drive(nodeOfFlow, db, nodes, startSeconds);
                }
            }
        } finally {
            EmbeddedPostgres.drop(database);
        }
    }

    /** Starts the nodes, the flows dealt out among them in turn; answers the node each flow is asked of. */
    private Map<String, ServiceProcess> start(Nodes cluster, SalesforceSimulator salesforce, String url, int nodes)
            throws Exception {
        Path dir = logs.resolve(nodes + (nodes == 1 ? "-node" : "-nodes"));
        Files.createDirectories(dir);
        List<ServiceProcess> started = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            List<String> arguments = new ArrayList<>(EmbeddedPostgres.serviceCredentials());
            arguments.addAll(List.of(
                    "--prm-sync.node-id=node-" + i,
                    // Schedules stay quiet: only the runs the benchmark starts are measured.
                    "--prm-sync.schedule.first-run-delay=3600000",
                    "--prm-sync.sync.settle-lag=PT0S",
                    "--prm-sync.sync.bulk.threshold=" + bulkThreshold,
                    "--prm-sync.sync.bulk.poll-interval=PT0.05S",
                    "--logging.level.io.prmsync.sync=WARN"));
            started.add(cluster.add(ServiceProcess.startMeasured(
                    salesforce, url, List.of("-Xmx512m"), arguments, dir.resolve("node-" + i + ".log"))));
        }
        Map<String, ServiceProcess> nodeOfFlow = new LinkedHashMap<>();
        int i = 0;
        for (String flow : FLOWS.keySet()) {
            nodeOfFlow.put(flow, started.get(i++ % nodes));
        }
        return nodeOfFlow;
    }

    /**
     * Starts every flow at once on its node and waits until every record has landed and every run has ended. A
     * child whose partner had not landed when its run read it is parked; its flow's next run applies it, started
     * here once the partners have all landed (a schedule would start it at its next tick, a period later).
     */
    private Measurement drive(Map<String, ServiceProcess> nodeOfFlow, Connection db, int nodes, double startSeconds)
            throws Exception {
        Map<String, String> lastRun = new LinkedHashMap<>();
        long started = System.nanoTime();
        nodeOfFlow.forEach((flow, node) -> lastRun.put(flow, trigger(node, flow)));
        Map<String, Integer> followUps = new LinkedHashMap<>();
        Double landedSeconds = null;
        StoreWaits waits = new StoreWaits();
        long deadline = started + PATIENCE.toNanos();
        while (true) {
            waits.sample(db);
            Map<String, Long> landed = landed(db);
            Map<String, String> states = states(db, lastRun);
            double elapsed = (System.nanoTime() - started) / 1e9;
            boolean allLanded = FLOWS.keySet().stream().allMatch(flow -> landed.get(flow) >= expected(flow));
            if (allLanded && landedSeconds == null) {
                landedSeconds = elapsed;
            }
            boolean allEnded = states.values().stream().allMatch(ClusterInbound::ended);
            if (allLanded && allEnded) {
                return new Measurement(
                        nodes,
                        landed.values().stream().mapToLong(Long::longValue).sum(),
                        landedSeconds,
                        elapsed,
                        followUps.values().stream().mapToInt(Integer::intValue).sum(),
                        runs(db),
                        aftermath(db),
                        waits.figures(),
                        startSeconds);
            }
            for (String flow : FLOWS.keySet()) {
                if (needsFollowUp(db, flow, lastRun.get(flow), states.get(flow), landed, followUps)) {
                    lastRun.put(flow, trigger(nodeOfFlow.get(flow), flow));
                    followUps.merge(flow, 1, Integer::sum);
                }
            }
            for (ServiceProcess node : nodeOfFlow.values()) {
                if (!node.isAlive()) {
                    throw new IllegalStateException("A node died during the measurement (logs in " + logs + ")");
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not every record landed within " + PATIENCE + ": " + landed + ", runs "
                        + states + " (logs in " + logs + ")");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Whether the flow's latest run ended with records parked that another run would now apply: once every partner
     * has landed. Fails on a failed run, and on records missing that no run would bring.
     */
    private boolean needsFollowUp(
            Connection db,
            String flow,
            String runId,
            String state,
            Map<String, Long> landed,
            Map<String, Integer> followUps)
            throws Exception {
        if ("FAILED".equals(state)) {
            throw new IllegalStateException(
                    flow + " run " + runId + " failed: " + message(db, runId) + " (logs in " + logs + ")");
        }
        if (!ended(state) || landed.get(flow) >= expected(flow)) {
            return false;
        }
        if (parked(db, flow) == 0) {
            throw new IllegalStateException(flow + " ended with " + landed.get(flow) + " of " + expected(flow)
                    + " records and none parked; dead letters: " + count(db, "SELECT COUNT(*) FROM dead_letter")
                    + " (logs in " + logs + ")");
        }
        if (landed.get("partner-accounts") < expected("partner-accounts")) {
            return false;
        }
        // With every partner in, one more run must do; more would loop on a record that never lands.
        if (followUps.getOrDefault(flow, 0) >= 2) {
            throw new IllegalStateException(flow + " still has records parked after " + followUps.get(flow)
                    + " follow-up runs (logs in " + logs + ")");
        }
        return true;
    }

    private long expected(String flow) {
        return switch (flow) {
            case "partner-accounts" -> accounts;
            case "deal-registrations" -> (long) accounts * dealsPerAccount;
            case "certifications" -> (long) accounts * certificationsPerAccount;
            default -> throw new IllegalArgumentException(flow);
        };
    }

    /**
     * An inbound run of the flow, incremental as a schedule's: on a fresh store it reads every record, as the
     * inbound-full scenarios do (a full resync would add a deletion sweep of every id).
     */
    private String trigger(ServiceProcess node, String flow) {
        try {
            HttpResponse<String> answer = node.post("/api/sync/" + flow + "/run?direction=inbound&mode=incremental");
            if (answer.statusCode() != 202) {
                throw new IllegalStateException(
                        "Starting " + flow + " answered " + answer.statusCode() + ": " + answer.body());
            }
            return json.readTree(answer.body()).get("runIds").get(0).asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Rows in each flow's PRM table. */
    private static Map<String, Long> landed(Connection db) throws Exception {
        Map<String, Long> landed = new LinkedHashMap<>();
        for (Map.Entry<String, String> flow : FLOWS.entrySet()) {
            landed.put(flow.getKey(), count(db, "SELECT COUNT(*) FROM " + flow.getValue()));
        }
        return landed;
    }

    /** Each flow's latest run's state; null until the run has opened (an on-demand run starts in the background). */
    private static Map<String, String> states(Connection db, Map<String, String> runs) throws Exception {
        Map<String, String> states = new LinkedHashMap<>();
        try (PreparedStatement select = db.prepareStatement("SELECT state FROM sync_run WHERE run_id = ?")) {
            for (Map.Entry<String, String> run : runs.entrySet()) {
                select.setString(1, run.getValue());
                try (ResultSet rows = select.executeQuery()) {
                    states.put(run.getKey(), rows.next() ? rows.getString(1) : null);
                }
            }
        }
        return states;
    }

    private static boolean ended(String state) {
        return state != null && !state.equals("RUNNING");
    }

    private static long parked(Connection db, String flow) throws Exception {
        try (PreparedStatement select =
                db.prepareStatement("SELECT COUNT(*) FROM parked_record WHERE flow = ? AND direction = 'INBOUND'")) {
            select.setString(1, flow);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String message(Connection db, String runId) throws Exception {
        try (PreparedStatement select = db.prepareStatement("SELECT message FROM sync_run WHERE run_id = ?")) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (var statement = db.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every inbound run as {@code sync_run} recorded it, its start counted from the first run's. */
    private static List<Map<String, Object>> runs(Connection db) throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        OffsetDateTime first = null;
        try (var statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT node_id, flow, started_at, finished_at, records_done"
                        + " FROM sync_run WHERE direction = 'INBOUND' ORDER BY started_at, flow")) {
            while (rows.next()) {
                OffsetDateTime startedAt = rows.getObject("started_at", OffsetDateTime.class);
                OffsetDateTime finishedAt = rows.getObject("finished_at", OffsetDateTime.class);
                first = first == null ? startedAt : first;
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("node", rows.getString("node_id"));
                run.put("flow", rows.getString("flow"));
                run.put("startSecond", seconds(first, startedAt));
                run.put("seconds", seconds(startedAt, finishedAt));
                run.put("recordsRead", rows.getLong("records_done"));
                runs.add(run);
            }
        }
        return runs;
    }

    /**
     * What went wrong on the way, when the records were in: failed runs of any flow or direction (the runs that
     * carry tier changes to Salesforce too), dead letters, and partners whose tier evaluation failed and waits for
     * a later run (nodes evaluating one partner at once can clash).
     */
    private static Map<String, Object> aftermath(Connection db) throws Exception {
        List<String> failed = new ArrayList<>();
        try (var statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT node_id, flow, direction, mode, message FROM sync_run"
                        + " WHERE state = 'FAILED' ORDER BY started_at")) {
            while (rows.next()) {
                String message = String.valueOf(rows.getString("message"));
                failed.add(rows.getString("node_id") + " " + rows.getString("flow") + " "
                        + rows.getString("direction") + " " + rows.getString("mode") + ": "
                        + message.substring(0, Math.min(200, message.length())));
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("failedRuns", failed);
        figures.put("deadLetters", count(db, "SELECT COUNT(*) FROM dead_letter"));
        figures.put(
                "partnersStillDueForEvaluation",
                count(db, "SELECT COUNT(DISTINCT partner_id) FROM tier_evaluation_due"));
        return figures;
    }

    private static double seconds(OffsetDateTime from, OffsetDateTime to) {
        return SyncBenchmark.round(Duration.between(from, to).toMillis() / 1000.0);
    }

    /**
     * @param landedSeconds from the first trigger until every record was in its PRM table
     * @param endedSeconds from the first trigger until every run had ended (a run evaluates its partners' tiers
     *     before it ends)
     */
    private record Measurement(
            int nodes,
            long records,
            double landedSeconds,
            double endedSeconds,
            int followUpRuns,
            List<Map<String, Object>> runs,
            Map<String, Object> aftermath,
            Map<String, Object> storeWaits,
            double startSeconds) {

        double recordsPerSecond() {
            return records / landedSeconds;
        }

        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("nodes", nodes);
            figures.put("records", records);
            figures.put("wallSeconds", SyncBenchmark.round(landedSeconds));
            figures.put("recordsPerSecond", Math.round(recordsPerSecond()));
            figures.put("untilEveryRunEndedSeconds", SyncBenchmark.round(endedSeconds));
            figures.put("followUpRunsForParkedChildren", followUpRuns);
            figures.put("runs", runs);
            figures.putAll(aftermath);
            figures.put("storeWaits", storeWaits);
            figures.put("nodesStartSeconds", SyncBenchmark.round(startSeconds));
            return figures;
        }
    }

    /**
     * What the nodes' sessions were waiting on in the store, sampled at each poll ({@code pg_stat_activity}): row
     * and transaction locks between nodes would show here as {@code Lock} waits, with the statements that waited.
     */
    private static final class StoreWaits {

        private int samples;
        private final Map<String, Integer> byEvent = new java.util.TreeMap<>();
        private final Map<String, Integer> lockedStatements = new LinkedHashMap<>();

        void sample(Connection db) throws Exception {
            samples++;
            try (var statement = db.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT wait_event_type, wait_event, query"
                            + " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                            + " AND state = 'active'")) {
                while (rows.next()) {
                    String type = rows.getString(1);
                    byEvent.merge(type == null ? "running" : type + ":" + rows.getString(2), 1, Integer::sum);
                    if ("Lock".equals(type)) {
                        String query = rows.getString(3).replaceAll("\\s+", " ");
                        lockedStatements.merge(query.substring(0, Math.min(160, query.length())), 1, Integer::sum);
                    }
                }
            }
        }

        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("samples", samples);
            figures.put("activeSessionsByWait", byEvent);
            figures.put(
                    "statementsWaitingOnALock",
                    lockedStatements.entrySet().stream()
                            .sorted(Map.Entry.<String, Integer>comparingByValue()
                                    .reversed())
                            .limit(5)
                            .map(e -> e.getValue() + "× " + e.getKey())
                            .toList());
            return figures;
        }
    }

    /** The nodes of one measurement; every one is killed on close, whatever happened. */
    private static final class Nodes implements AutoCloseable {

        private final List<ServiceProcess> nodes = new ArrayList<>();

        ServiceProcess add(ServiceProcess node) {
            nodes.add(node);
            return node;
        }

        List<ServiceProcess> all() {
            return nodes;
        }

        @Override
        public void close() throws InterruptedException {
            for (ServiceProcess node : nodes) {
                node.kill();
            }
        }
    }
}
