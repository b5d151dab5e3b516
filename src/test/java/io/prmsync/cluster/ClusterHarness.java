package io.prmsync.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.sandbox.SimulatorSettings;
import io.prmsync.support.EmbeddedPostgres;
import io.prmsync.support.ServiceProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.flywaydb.core.Flyway;

/**
 * Several packaged-service processes on one PostgreSQL store and one simulated org, as the cluster tests run them,
 * and what the store's run records say about them.
 */
final class ClusterHarness implements AutoCloseable {

    /** One run as sync_run recorded it; {@code finished} is null while it runs, or when its node died. */
    record Run(String id, String flow, String node, String direction, Instant started, Instant finished) {}

    private final SalesforceSimulator salesforce;
    private final String url;
    private final Path dir;
    private final Map<String, ServiceProcess> nodes = new LinkedHashMap<>();
    private final java.util.Set<String> stalled = new java.util.HashSet<>();
    private final ObjectMapper json = new ObjectMapper();
    final Connection db;

    /** A simulated org and a fresh, migrated PostgreSQL database for the nodes; node logs go to {@code dir}. */
    ClusterHarness(String database, Path dir) throws Exception {
        this.salesforce = SalesforceSimulator.start(SimulatorSettings.defaults().withPort(0));
        this.dir = dir;
        this.url = EmbeddedPostgres.jdbcUrl(database);
        Flyway.configure()
                .dataSource(url, EmbeddedPostgres.USER, EmbeddedPostgres.USER)
                .load()
                .migrate();
        this.db = EmbeddedPostgres.connect(url);
    }

    /** A fresh directory under target/cluster-logs for a test's node logs. */
    static Path logDirectory(String test) {
        Path dir = Path.of("target", "cluster-logs", test + "-" + System.currentTimeMillis());
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }

    ServiceProcess start(String node, List<String> arguments) throws Exception {
        return start(node, List.of(), arguments);
    }

    /** The same with JVM options of its own (system properties a library reads, say). */
    ServiceProcess start(String node, List<String> jvmOptions, List<String> arguments) throws Exception {
        List<String> all = new ArrayList<>(EmbeddedPostgres.serviceCredentials());
        all.add("--prm-sync.node-id=" + node);
        all.addAll(arguments);
        List<String> options = new ArrayList<>(List.of("-Xmx384m"));
        options.addAll(jvmOptions);
        ServiceProcess process = ServiceProcess.start(salesforce, url, options, all, dir.resolve(node + ".log"));
        nodes.put(node, process);
        return process;
    }

    SalesforceSimulator salesforce() {
        return salesforce;
    }

    /** Polls {@code check} until it answers something, and answers that; fails naming what it waited for. */
    <T> T await(Duration patience, String what, Callable<T> check) {
        try {
            return Awaitility.await(what + " (node logs in " + dir + ")")
                    .atMost(patience)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(check, Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            // CI keeps the build's output only: what the store held says who waited on whom.
            throw new AssertionError(e.getMessage() + "\n" + storeState(), e);
        }
    }

    /** The leases, the runs under way and the store sessions inside a transaction, for a failure's message. */
    private String storeState() {
        StringBuilder state = new StringBuilder();
        for (String query : List.of(
                "SELECT flow, holder, token, expires_at, now() AS store_now FROM flow_lease ORDER BY flow",
                "SELECT run_id, flow, direction, node_id, started_at, records_done FROM sync_run WHERE state ="
                        + " 'RUNNING'",
                "SELECT pid, state, wait_event_type, wait_event, now() - xact_start AS in_transaction,"
                        + " left(query, 160) AS query FROM pg_stat_activity WHERE xact_start IS NOT NULL"
                        + " AND pid <> pg_backend_pid()")) {
            state.append(query).append('\n');
            try (var statement = db.createStatement();
                    var rows = statement.executeQuery(query)) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    state.append("  ");
                    for (int c = 1; c <= columns; c++) {
                        state.append(rows.getMetaData().getColumnLabel(c))
                                .append('=')
                                .append(rows.getString(c))
                                .append(' ');
                    }
                    state.append('\n');
                }
            } catch (SQLException e) {
                state.append("  (not read: ").append(e.getMessage()).append(")\n");
            }
        }
        return state.toString();
    }

    /**
     * The flow's reconciliation once both sides agree: every record matched, none missing or duplicated, and each
     * Salesforce record carrying its PRM key (an outbound run stamps it after the values already agree).
     */
    JsonNode awaitAgreement(String flow, long records) {
        return await(Duration.ofMinutes(3), "both sides of " + flow + " to agree on " + records + " records", () -> {
            JsonNode report = reconciliation(flow);
            long keyed = salesforce.org().records("Account").stream()
                    .filter(r -> r.get("PRM_Partner_Id__c") != null)
                    .count();
            return report != null
                            && report.get("unexplained").asLong() == 0
                            && report.get("duplicatesInSalesforce").asLong() == 0
                            && report.get("matched").asLong() == records
                            && keyed == records
                    ? report
                    : null;
        });
    }

    ServiceProcess node(String name) {
        return nodes.get(name);
    }

    Map<String, ServiceProcess> nodes() {
        return nodes;
    }

    /** Stalls the node (SIGSTOP); the harness asks the others meanwhile. */
    void stall(String node) throws Exception {
        nodes.get(node).stall();
        stalled.add(node);
    }

    void resume(String node) throws Exception {
        nodes.get(node).resume();
        stalled.remove(node);
    }

    /** Any node alive and not stalled, to ask. */
    ServiceProcess anyAlive() {
        return nodes.entrySet().stream()
                .filter(node -> node.getValue().isAlive() && !stalled.contains(node.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
    }

    /** Flow name → the node leading it, as {@code /api/sync/status} on a live node shows it. */
    Map<String, String> leaders() throws Exception {
        Map<String, String> leaders = new LinkedHashMap<>();
        HttpResponse<String> status = anyAlive().get("/api/sync/status");
        for (JsonNode flow : json.readTree(status.body())) {
            if (!flow.get("ledBy").isNull()) {
                leaders.put(flow.get("name").asText(), flow.get("ledBy").asText());
            }
        }
        return leaders;
    }

    JsonNode reconciliation(String flow) throws Exception {
        HttpResponse<String> response = anyAlive().get("/api/sync/" + flow + "/reconciliation");
        return response.statusCode() == 200 ? json.readTree(response.body()) : null;
    }

    List<Run> runs() throws Exception {
        List<Run> runs = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("SELECT run_id, flow, node_id, direction, started_at,"
                        + " finished_at FROM sync_run ORDER BY flow, started_at, run_id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                OffsetDateTime finished = rows.getObject("finished_at", OffsetDateTime.class);
                runs.add(new Run(
                        rows.getString("run_id"),
                        rows.getString("flow"),
                        rows.getString("node_id"),
                        rows.getString("direction"),
                        rows.getObject("started_at", OffsetDateTime.class).toInstant(),
                        finished == null ? null : finished.toInstant()));
            }
        }
        return runs;
    }

    /**
     * Pairs of runs of one flow whose times overlap, either direction, any nodes. A run left unfinished by a node
     * that died or lost its lease counts until the next run of its flow started.
     */
    static List<String> overlapping(List<Run> runs, java.util.Set<String> deadRuns) {
        List<String> overlaps = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            Run before = runs.get(i - 1);
            Run after = runs.get(i);
            if (!before.flow().equals(after.flow()) || deadRuns.contains(before.id())) {
                continue;
            }
            if (before.finished() == null || before.finished().isAfter(after.started())) {
                overlaps.add(before + " / " + after);
            }
        }
        return overlaps;
    }

    long count(String sql) throws Exception {
        try (var statement = db.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess node : nodes.values()) {
            node.resume();
            node.kill();
        }
        db.close();
        salesforce.close();
    }
}
