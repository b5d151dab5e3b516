package io.prmsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.PrmSyncApplication;
import io.prmsync.program.TierEvaluation;
import io.prmsync.sandbox.Endpoint;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.sandbox.SimulatorSettings;
import io.prmsync.support.EmbeddedPostgres;
import io.prmsync.support.ServiceProcess;
import io.prmsync.support.WebhookSender;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scenarios of the benchmark, each against the built-in Salesforce simulator in a fresh service context, with
 * every figure measured in the run: wall time, records per second, API calls by endpoint (the simulator's
 * counters), records per call, peak heap, latency percentiles. Targets are reported met or not, never asserted.
 */
final class SyncBenchmark {

    /** How big each scenario is; the defaults are the issue's, the smoke sizes keep the harness from rotting. */
    record Sizes(int accounts, int certificationsPerAccount, int latencyDivisor, int outbound, int naiveSubset,
            int webhookRate, int webhookSeconds, boolean postgres, int memoryAccounts) {

        static Sizes fromSystemProperties() {
            return new Sizes(Integer.getInteger("bench.accounts", 100_000),
                    Integer.getInteger("bench.certifications-per-account", 2),
                    Integer.getInteger("bench.latency-divisor", 10),
                    Integer.getInteger("bench.outbound", 100_000),
                    Integer.getInteger("bench.naive-subset", 5_000),
                    Integer.getInteger("bench.webhook-rate", 50),
                    Integer.getInteger("bench.webhook-seconds", 60),
                    Boolean.parseBoolean(System.getProperty("bench.postgres", "true")),
                    Integer.getInteger("bench.memory-accounts", 1_000_000));
        }

        static Sizes smoke() {
            return new Sizes(300, 1, 10, 300, 200, 10, 2, false, 2_000);
        }
    }

    private static final String TOKEN = "bench-token";
    private static final String SECRET = "bench-webhook-secret";

    private final Sizes sizes;
    private final BenchReport report = new BenchReport();
    private final ObjectMapper json = new ObjectMapper();

    SyncBenchmark(Sizes sizes) {
        this.sizes = sizes;
        report.environment("sizes", sizes).environment("cores", Runtime.getRuntime().availableProcessors())
                .environment("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024))
                .environment("java", System.getProperty("java.version"));
    }

    BenchReport run() throws Exception {
        double rawRate = rawJdbcBaseline();
        double inboundRate = inboundFull("inbound-full-h2", h2("bench-inbound"), Duration.ZERO, sizes.accounts(),
                rawRate);
        if (sizes.postgres()) {
            inboundFull("inbound-full-postgres", postgres("bench_inbound"), Duration.ZERO, sizes.accounts(), rawRate);
        }
        inboundFull("inbound-under-latency", h2("bench-latency"), Duration.ofMillis(100),
                Math.max(1, sizes.accounts() / sizes.latencyDivisor()), rawRate);
        outbound();
        naiveBaseline();
        webhookLatency();
        report.scenario("bulk-api-2", "Inbound and outbound above the Bulk API 2.0 threshold")
                .notRun("the simulator does not serve Bulk API 2.0 jobs yet, and the flows do not use them");
        memory();
        report.environment("inboundRecordsPerSecondH2", Math.round(inboundRate));
        return report;
    }

    // --- scenarios ------------------------------------------------------------------------------------------

    /** Inbound full sync of accounts and their certifications; then every partner's tier re-evaluated. */
    private double inboundFull(String name, Map<String, String> store, Duration latency, int accounts,
            double rawRate) throws Exception {
        BenchReport.Scenario scenario = report.scenario(name, "Full inbound sync of " + accounts
                + " partner accounts and " + accounts * sizes.certificationsPerAccount() + " certifications"
                + (latency.isZero() ? "" : " with " + latency.toMillis() + " ms latency per Salesforce call"));
        try (ConfigurableApplicationContext context = start(store)) {
            SalesforceSimulator salesforce = context.getBean(SalesforceSimulator.class);
            ProducerTemplate template = context.getBean(ProducerTemplate.class);
            seedSalesforce(salesforce, accounts, sizes.certificationsPerAccount());
            salesforce.faults().latency(latency);
            salesforce.counters().reset();
            long started = System.nanoTime();
            try (HeapSampler heap = new HeapSampler()) {
                template.sendBody("direct:partner-accounts-inbound", null);
                template.sendBody("direct:certifications-inbound", null);
                double seconds = (System.nanoTime() - started) / 1e9;
                long records = count(context, "partner_account") + count(context, "certification");
                long reads = salesforce.counters().count(Endpoint.QUERY_ALL)
                        + salesforce.counters().count(Endpoint.QUERY_MORE);
                double rate = records / seconds;
                double perCall = (double) records / Math.max(1, reads);
                scenario.figure("records", records).figure("wallSeconds", round(seconds))
                        .figure("recordsPerSecond", Math.round(rate))
                        .figure("apiCalls", calls(salesforce)).figure("recordsPerQueryCall", round(perCall))
                        .figure("peakHeapMiB", heap.peakUsedMiB()).figure("peakHeapAfterGcMiB", heap.peakAfterGcMiB())
                        .target("records per query call", "≥ 1,900 of 2,000", round(perCall), perCall >= 1_900);
                if (latency.isZero() && name.endsWith("h2")) {
                    scenario.target("inbound records/s on H2", "≥ 10,000", Math.round(rate), rate >= 10_000)
                            .target("share of the raw JDBC rate", "≥ 50%", Math.round(100 * rate / rawRate) + "%",
                                    rate >= rawRate / 2);
                    tierReevaluation(context, accounts);
                }
                salesforce.faults().latency(Duration.ZERO);
                return rate;
            }
        }
    }

    private void tierReevaluation(ConfigurableApplicationContext context, int accounts) {
        BenchReport.Scenario scenario = report.scenario("tier-reevaluation", "Every one of " + accounts
                + " partners re-evaluated against the tier rules");
        TierEvaluation evaluation = context.getBean(TierEvaluation.class);
        long started = System.nanoTime();
        try (HeapSampler heap = new HeapSampler()) {
            int changed = evaluation.evaluateAll();
            double seconds = (System.nanoTime() - started) / 1e9;
            long partners = count(context, "partner_account");
            scenario.figure("partners", partners).figure("tierChanges", changed).figure("wallSeconds", round(seconds))
                    .figure("partnersPerSecond", Math.round(partners / seconds))
                    .figure("peakHeapMiB", heap.peakUsedMiB());
        }
    }

    /** Changed PRM rows pushed to Salesforce in sObject Collections. */
    private void outbound() throws Exception {
        BenchReport.Scenario scenario = report.scenario("outbound", sizes.outbound()
                + " changed PRM partner accounts pushed to Salesforce");
        try (ConfigurableApplicationContext context = start(h2("bench-outbound"))) {
            SalesforceSimulator salesforce = context.getBean(SalesforceSimulator.class);
            insertPrmPartners(context.getBean(DataSource.class), "P-out-", sizes.outbound());
            salesforce.counters().reset();
            long started = System.nanoTime();
            try (HeapSampler heap = new HeapSampler()) {
                context.getBean(ProducerTemplate.class).sendBody("direct:partner-accounts-outbound", null);
                double seconds = (System.nanoTime() - started) / 1e9;
                long writes = salesforce.counters().count(Endpoint.COLLECTION_UPSERT)
                        + salesforce.counters().count(Endpoint.COLLECTION_UPDATE);
                long written = salesforce.counters().recordsWritten(Endpoint.COLLECTION_UPSERT)
                        + salesforce.counters().recordsWritten(Endpoint.COLLECTION_UPDATE);
                double perCall = (double) written / Math.max(1, writes);
                scenario.figure("records", written).figure("wallSeconds", round(seconds))
                        .figure("recordsPerSecond", Math.round(written / seconds)).figure("apiCalls", calls(salesforce))
                        .figure("recordsPerCollectionsCall", round(perCall)).figure("peakHeapMiB", heap.peakUsedMiB())
                        .target("records per collections call", "≥ 190 of 200", round(perCall), perCall >= 190);
            }
        }
    }

    /**
     * The naive way for the same records: read with the default query paging, write one upsertSObject per record;
     * against prm-sync's outbound run for the same rows.
     */
    private void naiveBaseline() throws Exception {
        int n = sizes.naiveSubset();
        BenchReport.Scenario scenario = report.scenario("naive-baseline", n
                + " partner accounts written one upsertSObject per record after a read with default paging,"
                + " against prm-sync for the same rows");
        try (ConfigurableApplicationContext context = start(h2("bench-naive"))) {
            SalesforceSimulator salesforce = context.getBean(SalesforceSimulator.class);
            ProducerTemplate template = context.getBean(ProducerTemplate.class);
            DataSource store = context.getBean(DataSource.class);
            insertPrmPartners(store, "P-naive-", n);
            salesforce.counters().reset();
            long started = System.nanoTime();
            template.requestBody("salesforce:query?rawPayload=true", "SELECT Id, PRM_Partner_Id__c FROM Account",
                    Object.class);
            List<Map<String, Object>> rows = JdbcClient.create(store).sql("SELECT partner_id, name, description"
                    + " FROM partner_account WHERE partner_id LIKE 'P-naive-%'").query().listOfRows();
            for (Map<String, Object> row : rows) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("Name", row.get("NAME"));
                fields.put("Description", row.get("DESCRIPTION"));
                fields.put("IsPartner", true);
                // The external id travels in the URL (PATCH .../Account/PRM_Partner_Id__c/<key>), not the body.
                template.requestBodyAndHeaders("salesforce:upsertSObject?rawPayload=true",
                        json.writeValueAsString(fields), Map.of("sObjectName", "Account",
                                "sObjectIdName", "PRM_Partner_Id__c", "sObjectIdValue", row.get("PARTNER_ID")));
            }
            double naiveSeconds = (System.nanoTime() - started) / 1e9;
            long naiveCalls = salesforce.counters().total();

            JdbcClient.create(store).sql("UPDATE partner_account SET description = 'again', updated_at ="
                    + " CURRENT_TIMESTAMP WHERE partner_id LIKE 'P-naive-%'").update();
            salesforce.counters().reset();
            started = System.nanoTime();
            template.sendBody("direct:partner-accounts-inbound", null);
            template.sendBody("direct:partner-accounts-outbound", null);
            double oursSeconds = (System.nanoTime() - started) / 1e9;
            long ourCalls = salesforce.counters().total();
            double fewer = (double) naiveCalls / Math.max(1, ourCalls);
            scenario.figure("records", rows.size()).figure("naiveApiCalls", naiveCalls)
                    .figure("naiveWallSeconds", round(naiveSeconds)).figure("prmSyncApiCalls", ourCalls)
                    .figure("prmSyncWallSeconds", round(oursSeconds)).figure("fewerCalls", round(fewer))
                    .target("fewer Salesforce API calls than the naive route", "≥ 100×", round(fewer) + "×",
                            fewer >= 100);
        }
    }

    /** The same rows inserted with plain JDBC batches into a fresh store: the local limit inbound is held to. */
    private double rawJdbcBaseline() throws Exception {
        int n = sizes.accounts();
        BenchReport.Scenario scenario = report.scenario("raw-jdbc-baseline", n
                + " partner rows inserted with plain JDBC batches into the same kind of store (H2)");
        String url = "jdbc:h2:mem:bench-raw-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        org.flywaydb.core.Flyway.configure().dataSource(url, "sa", "").load().migrate();
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO partner_account (partner_id, name,"
                    + " phone, website, created_at, updated_at) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP)")) {
                for (int i = 0; i < n; i++) {
                    insert.setString(1, "SF-raw-" + i);
                    insert.setString(2, "bench partner " + i);
                    insert.setString(3, "+1 555 " + i);
                    insert.setString(4, "https://partner" + i + ".example");
                    insert.addBatch();
                    if (i % 2_000 == 1_999) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
                insert.executeBatch();
                db.commit();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = n / seconds;
        scenario.figure("records", n).figure("wallSeconds", round(seconds))
                .figure("recordsPerSecond", Math.round(rate));
        return rate;
    }

    /** Signed PRM webhooks at a steady rate; time from 202 to the record being in Salesforce. */
    private void webhookLatency() throws Exception {
        int total = sizes.webhookRate() * sizes.webhookSeconds();
        BenchReport.Scenario scenario = report.scenario("webhook-latency", total + " signed webhooks at "
                + sizes.webhookRate() + "/s with 100 ms Salesforce latency: accepted → written in Salesforce");
        try (ConfigurableApplicationContext context = start(h2("bench-webhooks"))) {
            SalesforceSimulator salesforce = context.getBean(SalesforceSimulator.class);
            insertPrmPartners(context.getBean(DataSource.class), "P-hook-", total);
            salesforce.faults().latency(Duration.ofMillis(100));
            WebhookSender sender = new WebhookSender(Integer.parseInt(
                    context.getEnvironment().getProperty("local.server.port")));
            Map<String, Long> accepted = new ConcurrentHashMap<>();
            Map<String, Long> seen = new ConcurrentHashMap<>();
            Thread watcher = new Thread(() -> watch(salesforce, accepted, seen, total), "bench-webhook-watcher");
            watcher.start();
            long interval = 1_000_000_000L / sizes.webhookRate();
            long next = System.nanoTime();
            for (int i = 0; i < total; i++) {
                String key = "P-hook-" + i;
                HttpResponse<String> response = sender.signed("/webhooks/prm", SECRET,
                        WebhookSender.prmEvent("bench-" + i, "partner-account", key, "upsert"));
                if (response.statusCode() == 202) {
                    accepted.put(key, System.nanoTime());
                }
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            watcher.join(Duration.ofSeconds(120).toMillis());
            List<Double> latencies = new ArrayList<>();
            seen.forEach((key, at) -> latencies.add((at - accepted.get(key)) / 1e6));
            Collections.sort(latencies);
            double p99 = percentile(latencies, 0.99);
            scenario.figure("accepted", accepted.size()).figure("written", seen.size())
                    .figure("p50Ms", round(percentile(latencies, 0.50))).figure("p95Ms", round(percentile(latencies, 0.95)))
                    .figure("p99Ms", round(p99)).figure("apiCalls", calls(salesforce))
                    .target("webhook → Salesforce p99", "< 1,000 ms", round(p99) + " ms",
                            seen.size() == total && p99 < 1_000);
            salesforce.faults().latency(Duration.ZERO);
        }
    }

    private static void watch(SalesforceSimulator salesforce, Map<String, Long> accepted, Map<String, Long> seen,
            int total) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (seen.size() < total && System.nanoTime() < deadline) {
            Set<Object> present = new HashSet<>();
            salesforce.org().records("Account").forEach(r -> present.add(r.get("PRM_Partner_Id__c")));
            long now = System.nanoTime();
            for (String key : accepted.keySet()) {
                if (!seen.containsKey(key) && present.contains(key)) {
                    seen.put(key, now);
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The packaged service in its own JVM limited to 256 MiB, reading every account of a large org (which lives in
     * this JVM's simulator, so only the service's memory is measured); heap read from its own metrics.
     */
    private void memory() throws Exception {
        int n = sizes.memoryAccounts();
        BenchReport.Scenario scenario = report.scenario("memory-inbound", "Inbound of " + n
                + " partner accounts by the packaged service running with -Xmx256m");
        Path dir = Files.createTempDirectory("prm-sync-bench-memory");
        try (SalesforceSimulator salesforce = SalesforceSimulator.start(SimulatorSettings.defaults().withPort(0))) {
            seedSalesforce(salesforce, n, 0);
            try (ServiceProcess service = ServiceProcess.start(salesforce, "jdbc:h2:file:" + dir.resolve("store"),
                    List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
                    List.of("--prm-sync.schedule.first-run-delay=3600000", "--prm-sync.sync.settle-lag=PT0S",
                            "--management.endpoints.web.exposure.include=health,metrics",
                            "--logging.level.io.prmsync.sync=WARN"), dir.resolve("service.log"))) {
                service.awaitHealthy(Duration.ofSeconds(120));
                String runId = json.readTree(service.post("/api/sync/partner-accounts/run?direction=inbound")
                        .body()).get("runIds").get(0).asText();
                long started = System.nanoTime();
                double peakUsed = 0;
                double peakLive = 0;
                com.fasterxml.jackson.databind.JsonNode run = null;
                while (service.isAlive()) {
                    peakUsed = Math.max(peakUsed, metric(service, "jvm.memory.used?tag=area:heap"));
                    peakLive = Math.max(peakLive, metric(service, "jvm.gc.live.data.size"));
                    run = json.readTree(service.get("/api/sync/runs/" + runId).body());
                    if (!"RUNNING".equals(run.path("state").asText("RUNNING"))) {
                        break;
                    }
                    Thread.sleep(250);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                boolean completed = service.isAlive() && run != null && "SUCCEEDED".equals(run.path("state").asText());
                long done = run == null ? 0 : run.path("done").asLong();
                scenario.figure("records", done).figure("state", completed ? "SUCCEEDED" : "died or failed")
                        .figure("wallSeconds", round(seconds)).figure("recordsPerSecond", Math.round(done / seconds))
                        .figure("peakHeapMiB", Math.round(peakUsed / (1024 * 1024)))
                        .figure("peakLiveAfterGcMiB", Math.round(peakLive / (1024 * 1024)))
                        .target("completes within -Xmx256m", n + " records", done + " (" + (completed
                                ? "completed" : "did not complete") + ")", completed && done == n);
            }
        }
    }

    private double metric(ServiceProcess service, String name) throws Exception {
        com.fasterxml.jackson.databind.JsonNode metric = json.readTree(service.get("/actuator/metrics/" + name)
                .body());
        return metric.path("measurements").path(0).path("value").asDouble(0);
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static void seedSalesforce(SalesforceSimulator salesforce, int accounts, int perAccount) {
        LocalDate today = LocalDate.now();
        for (int i = 0; i < accounts; i++) {
            String id = salesforce.org().insert("Account", Map.of("Name", "bench partner " + i, "IsPartner", true,
                    "Phone", "+1 555 " + i, "Website", "https://partner" + i + ".example"));
            for (int c = 0; c < perAccount; c++) {
                salesforce.org().insert("Partner_Certification__c", Map.of("Account__c", id, "Code__c", "SALES-101",
                        "Issued_Date__c", today.minusDays(30), "Expires_Date__c", today.plusDays(300),
                        "PRM_Certification_Id__c", "C-bench-" + i + "-" + c));
            }
        }
    }

    private static void insertPrmPartners(DataSource store, String prefix, int count) throws Exception {
        try (Connection db = store.getConnection(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO partner_account (partner_id, name, description, created_at, updated_at)"
                        + " VALUES (?, ?, 'from the portal', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, prefix + i);
                insert.setString(2, "portal partner " + prefix + i);
                insert.addBatch();
                if (i % 2_000 == 1_999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static long count(ConfigurableApplicationContext context, String table) {
        return context.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    private static Map<String, Long> calls(SalesforceSimulator salesforce) {
        Map<String, Long> calls = new LinkedHashMap<>();
        salesforce.counters().snapshot().forEach((endpoint, n) -> {
            if (n > 0) {
                calls.put(endpoint.name(), n);
            }
        });
        return calls;
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static Map<String, String> h2(String name) {
        return Map.of("spring.datasource.url", "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    private static Map<String, String> postgres(String database) {
        Map<String, String> properties = new HashMap<>();
        EmbeddedPostgres.register((name, value) -> properties.put(name, String.valueOf(value.get())), database);
        return properties;
    }

    private static ConfigurableApplicationContext start(Map<String, String> store) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--prm-sync.sandbox.seed=false",
                "--prm-sync.schedule.first-run-delay=3600000", "--prm-sync.sync.settle-lag=PT0S",
                "--prm-sync.admin.tokens=" + TOKEN, "--prm-sync.webhooks.prm.secrets=" + SECRET,
                "--prm-sync.sandbox.daily-api-limit=100000000", "--logging.level.io.prmsync.sync=WARN"));
        store.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(PrmSyncApplication.class).run(args.toArray(String[]::new));
    }
}
