package io.prmsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.prmsync.PrmSyncApplication;
import io.prmsync.program.TierEvaluation;
import io.prmsync.sandbox.Endpoint;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.sandbox.SimulatorSettings;
import io.prmsync.store.ChangeEventPositions;
import io.prmsync.support.EmbeddedPostgres;
import io.prmsync.support.SalesforceRecords;
import io.prmsync.support.ServiceProcess;
import io.prmsync.support.ShippedMappings;
import io.prmsync.support.WebhookSender;
import io.prmsync.sync.TierChanges;
import io.prmsync.sync.route.FlowSteps;
import io.prmsync.sync.run.FlowRun;
import io.prmsync.sync.run.FlowTrigger;
import io.prmsync.sync.run.Mode;
import io.prmsync.sync.run.RunControl;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
    record Sizes(
            int accounts,
            int certificationsPerAccount,
            int dealsPerAccount,
            int latencyDivisor,
            int outbound,
            int naiveSubset,
            int webhookRate,
            int webhookSeconds,
            boolean postgres,
            int memoryAccounts,
            int memoryBaselineAccounts,
            boolean memoryOnPostgres,
            int bulkThreshold,
            int clusterAccounts,
            int changeEventRate,
            int changeEventSeconds,
            int changeEventIdleSeconds) {

        static Sizes fromSystemProperties() {
            return new Sizes(
                    Integer.getInteger("bench.accounts", 100_000),
                    Integer.getInteger("bench.certifications-per-account", 2),
                    Integer.getInteger("bench.deals-per-account", 3),
                    Integer.getInteger("bench.latency-divisor", 10),
                    Integer.getInteger("bench.outbound", 100_000),
                    Integer.getInteger("bench.naive-subset", 5_000),
                    Integer.getInteger("bench.webhook-rate", 100),
                    Integer.getInteger("bench.webhook-seconds", 60),
                    Boolean.parseBoolean(System.getProperty("bench.postgres", "true")),
                    Integer.getInteger("bench.memory-accounts", 1_000_000),
                    Integer.getInteger("bench.memory-baseline-accounts", 100_000),
                    Boolean.getBoolean("bench.memory-postgres"),
                    Integer.getInteger("bench.bulk-threshold", 10_000),
                    Integer.getInteger("bench.cluster-accounts", 20_000),
                    Integer.getInteger("bench.change-event-rate", 50),
                    Integer.getInteger("bench.change-event-seconds", 60),
                    Integer.getInteger("bench.change-event-idle-seconds", 10));
        }

        /** Tiny, with the bulk threshold lowered so the Bulk API 2.0 path runs too. */
        static Sizes smoke() {
            // No cluster scenario: four packaged nodes to start would double the smoke's time in every build.
            return new Sizes(300, 1, 1, 10, 300, 200, 10, 2, false, 2_000, 0, false, 250, 0, 10, 2, 2);
        }
    }

    private static final String TOKEN = "bench-token";
    private static final String SECRET = "bench-webhook-secret";

    private final Sizes sizes;
    private final BenchReport report = new BenchReport();
    private final ObjectMapper json = new ObjectMapper();
    private RawJdbcBaseline.Rates rawH2;
    private RawJdbcBaseline.Rates rawPostgres;
    private double h2InboundRate;
    /** Runs that went through Bulk API 2.0 jobs, gathered for the bulk scenario's report. */
    private final List<FlowRun> bulkRuns = new ArrayList<>();

    private final List<Long> ingestJobs = new ArrayList<>();

    SyncBenchmark(Sizes sizes) {
        this.sizes = sizes;
        report.environment("sizes", sizes)
                .environment("cores", Runtime.getRuntime().availableProcessors())
                .environment("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024))
                .environment("java", System.getProperty("java.version"));
    }

    BenchReport run() throws Exception {
        if (selected("inbound-full-h2") || sizes.postgres() && selected("inbound-full-postgres")) {
            rawJdbcBaseline();
        }
        if (selected("inbound-full-h2")) {
            double inboundRate =
                    inboundFull("inbound-full-h2", h2("bench-inbound"), Duration.ZERO, sizes.accounts(), rawH2);
            report.environment("inboundRecordsPerSecondH2", Math.round(inboundRate));
            h2InboundRate = inboundRate;
        }
        if (sizes.postgres() && selected("inbound-full-postgres")) {
            double inboundRate = inboundFull(
                    "inbound-full-postgres", postgres("bench_inbound"), Duration.ZERO, sizes.accounts(), rawPostgres);
            report.environment("inboundRecordsPerSecondPostgres", Math.round(inboundRate));
        }
        if (selected("inbound-under-latency")) {
            inboundFull(
                    "inbound-under-latency",
                    h2("bench-latency"),
                    Duration.ofMillis(100),
                    Math.max(1, sizes.accounts() / sizes.latencyDivisor()),
                    null);
        }
        if (selected("outbound")) {
            outbound();
        }
        if (selected("naive-baseline")) {
            naiveBaseline();
        }
        if (selected("webhook-latency")) {
            webhookLatency();
        }
        if (selected("change-event-latency")) {
            changeEventLatency();
        }
        if (selected("bulk-api-2")) {
            bulkApi();
        }
        if (selected("memory-inbound")) {
            memory();
        }
        if (selected("cluster-inbound")) {
            clusterInbound();
        }
        return report;
    }

    private static final List<String> SCENARIOS = List.of(
            "inbound-full-h2",
            "inbound-full-postgres",
            "inbound-under-latency",
            "outbound",
            "naive-baseline",
            "webhook-latency",
            "change-event-latency",
            "bulk-api-2",
            "memory-inbound",
            "cluster-inbound");

    /** {@code -Dbench.scenarios=a,b} runs only those scenarios (for profiling one); all by default. */
    private static boolean selected(String scenario) {
        String only = System.getProperty("bench.scenarios", "");
        if (only.isBlank()) {
            return true;
        }
        List<String> named = List.of(only.split(","));
        named.stream().filter(name -> !SCENARIOS.contains(name)).findFirst().ifPresent(unknown -> {
            throw new IllegalArgumentException(
                    "-Dbench.scenarios names '" + unknown + "'; the scenarios are " + SCENARIOS);
        });
        return named.contains(scenario);
    }

    // --- scenarios ------------------------------------------------------------------------------------------

    /** What one flow run read and the Salesforce calls it took. */
    /** @param seconds the inbound run, from its start to its end as {@code sync_run} records them */
    private record FlowRun(String flow, long records, double seconds, Map<Endpoint, Long> calls, List<Long> bulkJobs) {

        /** REST pages and query-job calls; a run's writes (partners pushed after a tier change) are not reads. */
        long readCalls() {
            return calls.getOrDefault(Endpoint.QUERY_ALL, 0L)
                    + calls.getOrDefault(Endpoint.QUERY_MORE, 0L)
                    + calls.entrySet().stream()
                            .filter(e -> e.getKey().name().startsWith("BULK_QUERY_"))
                            .mapToLong(Map.Entry::getValue)
                            .sum();
        }

        boolean usedBulk() {
            return !bulkJobs.isEmpty();
        }
    }

    /**
     * Inbound full sync of partner accounts, their deal registrations and their certifications, flow after flow;
     * then every partner's tier re-evaluated. The deals are registered in the portal first (untimed): Salesforce's
     * copies update them, as after a partner's first full resync.
     */
    /** @param raw the yardstick on the same kind of store, or null where the rate is not compared with it */
    private double inboundFull(
            String name, Map<String, String> store, Duration latency, int accounts, RawJdbcBaseline.Rates raw)
            throws Exception {
        BenchReport.Scenario scenario = report.scenario(
                name,
                "Full inbound sync of " + accounts
                        + " partner accounts, " + accounts * sizes.dealsPerAccount() + " deal registrations and "
                        + accounts * sizes.certificationsPerAccount() + " certifications"
                        + (latency.isZero() ? "" : " with " + latency.toMillis() + " ms latency per Salesforce call"));
        try (ConfigurableApplicationContext context = start(store)) {
            SalesforceSimulator salesforce = context.getBean(SalesforceSimulator.class);
            List<String> accountIds =
                    seedSalesforce(salesforce, accounts, sizes.certificationsPerAccount(), sizes.dealsPerAccount());
            salesforce.faults().latency(latency);
            try (HeapSampler heap = new HeapSampler()) {
                List<FlowRun> runs = new ArrayList<>();
                runs.add(inboundRun(context, salesforce, "partner-accounts"));
                insertPrmDeals(context.getBean(DataSource.class), accountIds, sizes.dealsPerAccount());
                runs.add(inboundRun(context, salesforce, "deal-registrations"));
                runs.add(inboundRun(context, salesforce, "certifications"));
                // One run set: each partner the three flows touched is evaluated once, now, with all their records.
                Timer engagement = context.getBean(MeterRegistry.class)
                        .get("prm_sync.engagement.evaluations")
                        .timer();
                double engagementBefore = engagement.totalTime(TimeUnit.SECONDS);
                long evaluationStarted = System.nanoTime();
                TierChanges changes = context.getBean(RunControl.class)
                        .runSetEnded(runs.stream().map(FlowRun::flow).toList());
                double evaluationSeconds = (System.nanoTime() - evaluationStarted) / 1e9;
                long carryStarted = System.nanoTime();
                if (!changes.isEmpty()) {
                    context.getBean(FlowSteps.class).carry(changes);
                }
                double seconds = runs.stream().mapToDouble(FlowRun::seconds).sum() + evaluationSeconds;
                long records = runs.stream().mapToLong(FlowRun::records).sum();
                double rate = records / seconds;
                scenario.figure("records", records)
                        .figure("wallSeconds", round(seconds))
                        .figure("tierEvaluationSeconds", round(evaluationSeconds))
                        .figure(
                                "ofItEngagementSeconds",
                                round(engagement.totalTime(TimeUnit.SECONDS) - engagementBefore))
                        .figure("tierChangesFollowUpSeconds", round((System.nanoTime() - carryStarted) / 1e9))
                        .figure("recordsPerSecond", Math.round(rate))
                        .figure("peakHeapMiB", heap.peakUsedMiB())
                        .figure("peakHeapAfterGcMiB", heap.peakAfterGcMiB());
                runs.forEach(run -> scenario.figure(run.flow(), describe(run, raw)));
                firstEvaluationAgain(
                        context, scenario, runs.stream().map(FlowRun::flow).toList());
                readTargets(scenario, runs);
                if (raw != null) {
                    scenario.figure("shareOfRawJdbcPercent", Math.round(100 * rate / raw.overall()))
                            .target(
                                    "share of the raw JDBC rate on the same store",
                                    "≥ 50%",
                                    Math.round(100 * rate / raw.overall()) + "%",
                                    rate >= raw.overall() / 2);
                }
                if (latency.isZero() && name.endsWith("postgres") && h2InboundRate > 0) {
                    scenario.target(
                            "inbound records/s on PostgreSQL, against H2's",
                            "≥ " + Math.round(h2InboundRate),
                            Math.round(rate),
                            rate >= h2InboundRate);
                }
                if (latency.isZero() && name.endsWith("h2")) {
                    scenario.target("inbound records/s on H2", "≥ 10,000", Math.round(rate), rate >= 10_000);
                    bulkRuns.addAll(runs.stream().filter(FlowRun::usedBulk).toList());
                    tierReevaluation(context, accounts);
                }
                salesforce.faults().latency(Duration.ZERO);
                return rate;
            }
        }
    }

    /** How often the set's first evaluation is measured again: one run on this machine varies by a third. */
    private static final int EVALUATION_REPEATS = Integer.getInteger("bench.evaluation-repeats", 3);

    /**
     * The set's evaluation of every partner for the first time, measured again on the same rows: what it wrote is
     * removed, every partner marked due by the set's flows, and the set's end evaluates them; the median of
     * {@code -Dbench.evaluation-repeats} repeats is the figure to compare (the evaluation is most of a run and the
     * part least disturbed by the simulator).
     */
    private static void firstEvaluationAgain(
            ConfigurableApplicationContext context, BenchReport.Scenario scenario, List<String> flows) {
        if (EVALUATION_REPEATS < 1) {
            return;
        }
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        List<String> evaluationTables = List.of(
                "tier_history",
                "tier_membership",
                "engagement_history",
                "partner_engagement",
                "engagement_point",
                "deal_decision",
                "tier_evaluation_due");
        List<Double> seconds = new ArrayList<>();
        List<Long> placed = new ArrayList<>();
        for (int repeat = 0; repeat < EVALUATION_REPEATS; repeat++) {
            evaluationTables.forEach(table -> jdbc.sql("DELETE FROM " + table).update());
            jdbc.sql("UPDATE partner_account SET tier_code = NULL, engagement_stage = NULL, churn_risk = NULL,"
                            + " at_risk = NULL, activity_points = NULL, churn_reasons = NULL, next_best_action = NULL")
                    .update();
            for (String flow : flows) {
                jdbc.sql("INSERT INTO tier_evaluation_due (flow, partner_id, marked_at)"
                                + " SELECT :flow, partner_id, CURRENT_TIMESTAMP FROM partner_account")
                        .param("flow", flow)
                        .update();
            }
            if (isPostgres(context)) {
                // The deleted rows' dead versions would slow each repeat more than the one before.
                org.springframework.jdbc.core.JdbcTemplate plain =
                        context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
                java.util.stream.Stream.concat(evaluationTables.stream(), java.util.stream.Stream.of("partner_account"))
                        .forEach(table -> plain.execute("VACUUM ANALYZE " + table));
            }
            long started = System.nanoTime();
            context.getBean(RunControl.class).runSetEnded(flows);
            seconds.add(round((System.nanoTime() - started) / 1e9));
            placed.add(jdbc.sql("SELECT COUNT(*) FROM tier_membership")
                    .query(Long.class)
                    .single());
        }
        List<Double> sorted = seconds.stream().sorted().toList();
        scenario.figure("firstEvaluationAgainPartners", placed)
                .figure("firstEvaluationAgainSeconds", seconds)
                .figure("firstEvaluationAgainMedianSeconds", sorted.get(sorted.size() / 2));
    }

    private static boolean isPostgres(ConfigurableApplicationContext context) {
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            return connection.getMetaData().getDatabaseProductName().contains("PostgreSQL");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FlowRun inboundRun(
            ConfigurableApplicationContext context, SalesforceSimulator salesforce, String flow) {
        Map<Endpoint, Long> before = salesforce.counters().snapshot();
        int jobsBefore = salesforce.bulkJobs().size();
        String runId = UUID.randomUUID().toString();
        // A run of the set the scenario runs: its tier evaluation waits for the set's end.
        context.getBean(ProducerTemplate.class)
                .sendBody("direct:" + flow + "-inbound", FlowTrigger.inRunSet(Mode.INCREMENTAL, runId));
        Map<Endpoint, Long> calls = new LinkedHashMap<>();
        salesforce.counters().snapshot().forEach((endpoint, n) -> {
            long delta = n - before.getOrDefault(endpoint, 0L);
            if (delta > 0) {
                calls.put(endpoint, delta);
            }
        });
        List<Long> jobs = salesforce
                .bulkJobs()
                .subList(jobsBefore, salesforce.bulkJobs().size())
                .stream()
                .filter(job -> job.kind().equals("query"))
                .map(job -> job.numberRecordsProcessed())
                .toList();
        Map<String, Object> run = context.getBean(JdbcClient.class)
                .sql("SELECT state, records_done, message, started_at, finished_at"
                        + " FROM sync_run WHERE run_id = :id")
                .param("id", runId)
                .query()
                .singleRow();
        if (!"SUCCEEDED".equals(run.get("state"))) {
            throw new IllegalStateException(flow + " inbound run did not succeed: " + run);
        }
        long records = ((Number) run.get("records_done")).longValue();
        double runSeconds = Duration.between(instant(run.get("started_at")), instant(run.get("finished_at")))
                        .toNanos()
                / 1e9;
        return new FlowRun(flow, records, Math.max(runSeconds, 0.001), calls, jobs);
    }

    private static java.time.Instant instant(Object timestamp) {
        return timestamp instanceof java.time.OffsetDateTime at
                ? at.toInstant()
                : ((java.sql.Timestamp) timestamp).toInstant();
    }

    private static Map<String, Object> describe(FlowRun run, RawJdbcBaseline.Rates raw) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("records", run.records());
        figures.put("wallSeconds", round(run.seconds()));
        figures.put("recordsPerSecond", Math.round(run.records() / run.seconds()));
        if (raw != null && raw.perFlow().containsKey(run.flow()) && run.records() > 0) {
            figures.put(
                    "shareOfRawJdbcPercent",
                    Math.round(
                            100 * run.records() / run.seconds() / raw.perFlow().get(run.flow())));
        }
        figures.put("path", run.usedBulk() ? "Bulk API 2.0 query job" : "REST query pages");
        figures.put("readCalls", run.readCalls());
        figures.put("recordsPerReadCall", round((double) run.records() / Math.max(1, run.readCalls())));
        if (run.usedBulk()) {
            figures.put("bulkJobRecords", run.bulkJobs());
        }
        Map<String, Long> calls = new LinkedHashMap<>();
        run.calls().forEach((endpoint, n) -> calls.put(endpoint.name(), n));
        figures.put("apiCalls", calls);
        return figures;
    }

    /**
     * Page fill is judged on the runs that paged through REST (a run under the bulk threshold); a bulk run's first
     * page, which only told the size, is counted against it.
     */
    private static void readTargets(BenchReport.Scenario scenario, List<FlowRun> runs) {
        List<FlowRun> paged = runs.stream().filter(run -> !run.usedBulk()).toList();
        if (!paged.isEmpty()) {
            long records = paged.stream().mapToLong(FlowRun::records).sum();
            long calls = paged.stream().mapToLong(FlowRun::readCalls).sum();
            double perCall = (double) records / Math.max(1, calls);
            scenario.target("records per REST query call", "≥ 1,900 of 2,000", round(perCall), perCall >= 1_900);
        }
        List<FlowRun> bulk = runs.stream().filter(FlowRun::usedBulk).toList();
        if (!bulk.isEmpty()) {
            long records = bulk.stream().mapToLong(FlowRun::records).sum();
            long calls = bulk.stream().mapToLong(FlowRun::readCalls).sum();
            scenario.figure("recordsPerCallOnTheBulkPath", round((double) records / Math.max(1, calls)));
        }
    }

    private void tierReevaluation(ConfigurableApplicationContext context, int accounts) {
        BenchReport.Scenario scenario = report.scenario(
                "tier-reevaluation", "Every one of " + accounts + " partners re-evaluated against the tier rules");
        TierEvaluation evaluation = context.getBean(TierEvaluation.class);
        // Engagement is evaluated with the tiers, chunk by chunk: its share is read from its own timer.
        Timer engagement = context.getBean(MeterRegistry.class)
                .get("prm_sync.engagement.evaluations")
                .timer();
        double engagementBefore = engagement.totalTime(TimeUnit.SECONDS);
        long started = System.nanoTime();
        try (HeapSampler heap = new HeapSampler()) {
            int changed = evaluation.evaluateAll().tierChanges();
            double seconds = (System.nanoTime() - started) / 1e9;
            double engagementSeconds = engagement.totalTime(TimeUnit.SECONDS) - engagementBefore;
            long partners = count(context, "partner_account");
            scenario.figure("partners", partners)
                    .figure("tierChanges", changed)
                    .figure("wallSeconds", round(seconds))
                    .figure("partnersPerSecond", Math.round(partners / seconds))
                    .figure("engagementSeconds", round(engagementSeconds))
                    .figure("engagementPartnersPerSecond", Math.round(partners / engagementSeconds))
                    .figure("tierOnlySeconds", round(seconds - engagementSeconds))
                    .figure("peakHeapMiB", heap.peakUsedMiB());
        }
    }

    /** Changed PRM rows pushed to Salesforce: ingest jobs above the bulk threshold, collections below it. */
    private void outbound() throws Exception {
        BenchReport.Scenario scenario =
                report.scenario("outbound", sizes.outbound() + " changed PRM partner accounts pushed to Salesforce");
        try (ConfigurableApplicationContext context = start(h2("bench-outbound"))) {
            SalesforceSimulator salesforce = context.getBean(SalesforceSimulator.class);
            insertPrmPartners(context.getBean(DataSource.class), "P-out-", sizes.outbound());
            salesforce.counters().reset();
            int jobsBefore = salesforce.bulkJobs().size();
            long started = System.nanoTime();
            try (HeapSampler heap = new HeapSampler()) {
                context.getBean(ProducerTemplate.class).sendBody("direct:partner-accounts-outbound", null);
                double seconds = (System.nanoTime() - started) / 1e9;
                List<Long> jobs = salesforce
                        .bulkJobs()
                        .subList(jobsBefore, salesforce.bulkJobs().size())
                        .stream()
                        .filter(job -> job.kind().equals("ingest"))
                        .map(job -> job.numberRecordsProcessed())
                        .toList();
                ingestJobs.addAll(jobs);
                long written = jobs.stream().mapToLong(Long::longValue).sum() + collectionsRecords(salesforce);
                long calls = salesforce.counters().total();
                scenario.figure("records", written)
                        .figure("wallSeconds", round(seconds))
                        .figure("recordsPerSecond", Math.round(written / seconds))
                        .figure("apiCalls", calls(salesforce))
                        .figure("recordsPerApiCall", round((double) written / Math.max(1, calls)))
                        .figure("ingestJobRecords", jobs)
                        .figure("peakHeapMiB", heap.peakUsedMiB());
                collectionsTarget(scenario, salesforce);
                // Every row is new to the sync: each is looked up by external id before anything is created.
                long lookups = salesforce.counters().count(Endpoint.COMPOSITE)
                        + salesforce.counters().count(Endpoint.QUERY)
                        + salesforce.counters().count(Endpoint.QUERY_MORE);
                double perThousand = lookups * 1000.0 / Math.max(1, written);
                scenario.figure("pairingLookupCalls", lookups)
                        .target("pairing lookup calls per 1,000 rows", "≤ 1", round(perThousand), perThousand <= 1);
            }
        }
    }

    private static long collectionsRecords(SalesforceSimulator salesforce) {
        return salesforce.counters().recordsWritten(Endpoint.COLLECTION_UPSERT)
                + salesforce.counters().recordsWritten(Endpoint.COLLECTION_UPDATE);
    }

    /** Collections fill, judged wherever prm-sync wrote through collections (runs under the bulk threshold). */
    private static void collectionsTarget(BenchReport.Scenario scenario, SalesforceSimulator salesforce) {
        long writes = salesforce.counters().count(Endpoint.COLLECTION_UPSERT)
                + salesforce.counters().count(Endpoint.COLLECTION_UPDATE);
        if (writes > 0) {
            double perCall = (double) collectionsRecords(salesforce) / writes;
            scenario.figure("recordsPerCollectionsCall", round(perCall))
                    .target("records per collections call", "≥ 190 of 200", round(perCall), perCall >= 190);
        }
    }

    /** The large-load path, from the jobs the inbound (H2) and outbound scenarios ran. */
    private void bulkApi() {
        BenchReport.Scenario scenario = report.scenario(
                "bulk-api-2",
                "Bulk API 2.0 jobs of the runs above the"
                        + " threshold (" + sizes.bulkThreshold()
                        + " records): query jobs of the inbound H2 scenario, ingest"
                        + " jobs of the outbound one");
        List<Long> queryJobs =
                bulkRuns.stream().flatMap(run -> run.bulkJobs().stream()).toList();
        scenario.figure("queryJobRecords", queryJobs).figure("ingestJobRecords", ingestJobs);
        bulkRuns.forEach(run -> scenario.figure(
                run.flow() + "ApiCalls",
                run.calls().values().stream().mapToLong(Long::longValue).sum()));
        List<Long> all = new ArrayList<>(queryJobs);
        all.addAll(ingestJobs);
        if (all.isEmpty()) {
            scenario.notRun("no run was above the bulk threshold at these sizes");
            return;
        }
        long smallest = all.stream().mapToLong(Long::longValue).min().orElse(0);
        scenario.target(
                "records per Bulk API 2.0 job",
                "≥ 10,000",
                smallest + " in the smallest of " + all.size() + " jobs",
                smallest >= 10_000);
    }

    /**
     * The naive way for the same records: read with the default query paging, write one upsertSObject per record;
     * against prm-sync's outbound run for the same rows.
     */
    private void naiveBaseline() throws Exception {
        int n = sizes.naiveSubset();
        BenchReport.Scenario scenario = report.scenario(
                "naive-baseline",
                n
                        + " partner accounts written one upsertSObject per record after a read with default paging,"
                        + " against prm-sync for the same rows");
        try (ConfigurableApplicationContext context = start(h2("bench-naive"))) {
            SalesforceSimulator salesforce = context.getBean(SalesforceSimulator.class);
            ProducerTemplate template = context.getBean(ProducerTemplate.class);
            DataSource store = context.getBean(DataSource.class);
            insertPrmPartners(store, "P-naive-", n);
            salesforce.counters().reset();
            long started = System.nanoTime();
            template.requestBody(
                    "salesforce:query?rawPayload=true", "SELECT Id, PRM_Partner_Id__c FROM Account", Object.class);
            List<Map<String, Object>> rows = JdbcClient.create(store)
                    .sql("SELECT partner_id, name, description"
                            + " FROM partner_account WHERE partner_id LIKE 'P-naive-%'")
                    .query()
                    .listOfRows();
            for (Map<String, Object> row : rows) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("Name", row.get("NAME"));
                fields.put("Description", row.get("DESCRIPTION"));
                fields.put("IsPartner", true);
                // The external id travels in the URL (PATCH .../Account/PRM_Partner_Id__c/<key>), not the body.
                template.requestBodyAndHeaders(
                        "salesforce:upsertSObject?rawPayload=true",
                        json.writeValueAsString(fields),
                        Map.of(
                                "sObjectName",
                                "Account",
                                "sObjectIdName",
                                "PRM_Partner_Id__c",
                                "sObjectIdValue",
                                row.get("PARTNER_ID")));
            }
            double naiveSeconds = (System.nanoTime() - started) / 1e9;
            long naiveCalls = salesforce.counters().total();

            JdbcClient.create(store)
                    .sql("UPDATE partner_account SET description = 'again', updated_at ="
                            + " CURRENT_TIMESTAMP WHERE partner_id LIKE 'P-naive-%'")
                    .update();
            salesforce.counters().reset();
            started = System.nanoTime();
            template.sendBody("direct:partner-accounts-inbound", null);
            template.sendBody("direct:partner-accounts-outbound", null);
            double oursSeconds = (System.nanoTime() - started) / 1e9;
            long ourCalls = salesforce.counters().total();
            double fewer = (double) naiveCalls / Math.max(1, ourCalls);
            scenario.figure("records", rows.size())
                    .figure("naiveApiCalls", naiveCalls)
                    .figure("naiveWallSeconds", round(naiveSeconds))
                    .figure("prmSyncApiCalls", ourCalls)
                    .figure("prmSyncWallSeconds", round(oursSeconds))
                    .figure("fewerCalls", round(fewer))
                    .target(
                            "fewer Salesforce API calls than the naive route",
                            "≥ 100×",
                            round(fewer) + "×",
                            fewer >= 100);
            collectionsTarget(scenario, salesforce);
        }
    }

    /** The same rows inserted with plain JDBC batches into a fresh store: the local limit inbound is held to. */
    /**
     * The yardstick for inbound ({@link RawJdbcBaseline}), on H2 and (when PostgreSQL is measured) on PostgreSQL:
     * the inbound scenarios report their rate per flow as a share of it.
     */
    private void rawJdbcBaseline() throws Exception {
        RawJdbcBaseline raw =
                new RawJdbcBaseline(sizes.accounts(), sizes.dealsPerAccount(), sizes.certificationsPerAccount());
        BenchReport.Scenario scenario = report.scenario(
                "raw-jdbc-baseline",
                "What the inbound flows write (rows with their mapped columns, and sync state), written with plain JDBC"
                        + " batches of 1,000, warmed up first");
        rawH2 = raw.measure(() -> new RawJdbcBaseline.Store("jdbc:h2:mem:bench-raw-" + UUID.randomUUID(), "sa", ""));
        scenario.figure(
                        "records",
                        (long) sizes.accounts() * (1 + sizes.dealsPerAccount() + sizes.certificationsPerAccount()))
                .figure("h2RecordsPerSecond", Math.round(rawH2.overall()))
                .figure("h2", perSecond(rawH2.perFlow()));
        if (sizes.postgres() && selected("inbound-full-postgres")) {
            rawPostgres = raw.measure(() -> new RawJdbcBaseline.Store(
                    EmbeddedPostgres.jdbcUrl(
                            "bench_raw_" + UUID.randomUUID().toString().replace("-", "")),
                    EmbeddedPostgres.USER,
                    EmbeddedPostgres.USER));
            scenario.figure("postgresRecordsPerSecond", Math.round(rawPostgres.overall()))
                    .figure("postgres", perSecond(rawPostgres.perFlow()));
        }
    }

    private static Map<String, Long> perSecond(Map<String, Double> rates) {
        Map<String, Long> rounded = new LinkedHashMap<>();
        rates.forEach((flow, rate) -> rounded.put(flow, Math.round(rate)));
        return rounded;
    }

    /** Signed PRM webhooks at a steady rate; time from 202 to the record being in Salesforce. */
    private void webhookLatency() throws Exception {
        int total = sizes.webhookRate() * sizes.webhookSeconds();
        BenchReport.Scenario scenario = report.scenario(
                "webhook-latency",
                total + " signed webhooks at " + sizes.webhookRate()
                        + "/s with 100 ms Salesforce latency: accepted → written in Salesforce");
        try (ConfigurableApplicationContext context = start(h2("bench-webhooks"))) {
            SalesforceSimulator salesforce = context.getBean(SalesforceSimulator.class);
            insertPrmPartners(context.getBean(DataSource.class), "P-hook-", total);
            salesforce.faults().latency(Duration.ofMillis(100));
            WebhookSender sender =
                    new WebhookSender(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
            Map<String, Long> accepted = new ConcurrentHashMap<>();
            Map<String, Long> seen = new ConcurrentHashMap<>();
            Thread watcher = new Thread(() -> watch(salesforce, accepted, seen, total), "bench-webhook-watcher");
            watcher.start();
            long interval = 1_000_000_000L / sizes.webhookRate();
            long next = System.nanoTime();
            for (int i = 0; i < total; i++) {
                String key = "P-hook-" + i;
                HttpResponse<String> response = sender.signed(
                        "/webhooks/prm",
                        SECRET,
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
            scenario.figure("accepted", accepted.size())
                    .figure("written", seen.size())
                    .figure("p50Ms", round(percentile(latencies, 0.50)))
                    .figure("p95Ms", round(percentile(latencies, 0.95)))
                    .figure("p99Ms", round(p99))
                    .figure("apiCalls", calls(salesforce))
                    .target(
                            "webhook → Salesforce p99",
                            "< 500 ms",
                            round(p99) + " ms",
                            seen.size() == total && p99 < 500);
            salesforce.faults().latency(Duration.ZERO);
        }
    }

    /**
     * Channel managers' edits in Salesforce at a steady rate, with Change Data Capture on for partner accounts and
     * 100 ms per Salesforce call: time from the edit's commit to the new value in the PRM store, and the API calls
     * the events cost, against what polling every minute would cost for the same changes and while nothing changes.
     */
    private void changeEventLatency() throws Exception {
        int total = sizes.changeEventRate() * sizes.changeEventSeconds();
        BenchReport.Scenario scenario = report.scenario(
                "change-event-latency",
                total + " account edits at " + sizes.changeEventRate()
                        + "/s through Change Data Capture with 100 ms Salesforce latency: committed → in the PRM store");
        String mappings = "target/bench/change-event-mappings";
        ShippedMappings.copyWith(
                mappings,
                "partner-accounts.yaml",
                "  external-id: PRM_Partner_Id__c\n",
                "  external-id: PRM_Partner_Id__c\n  change-events: true\n");
        Map<String, String> settings = new HashMap<>(h2("bench-change-events"));
        settings.put("prm-sync.sync.mappings-dir", mappings);
        settings.put("prm-sync.sandbox.change-data-capture", "Account");
        settings.put("prm-sync.change-events.supervise-period", "200");
        try (ConfigurableApplicationContext context = start(settings)) {
            SalesforceSimulator salesforce = context.getBean(SalesforceSimulator.class);
            DataSource store = context.getBean(DataSource.class);
            List<String> ids = seedSalesforce(salesforce, total, 0, 0);
            // The first subscription has no position: the accounts already there arrive by its healing poll.
            awaitPrmCount(store, "bench partner %", total, Duration.ofMinutes(5));
            ChangeEventPositions positions = context.getBean(ChangeEventPositions.class);
            long healDeadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (positions
                            .find("/data/AccountChangeEvent")
                            .flatMap(ChangeEventPositions.Position::healAfter)
                            .isPresent()
                    && System.nanoTime() < healDeadline) {
                Thread.sleep(50);
            }
            // The healing poll's runs end, and the tiers of the partners it brought go out, before the idle window.
            awaitNoRunUnderWay(store, Duration.ofMinutes(1));
            Map<String, Long> idleBefore = calls(salesforce);
            long idleCallsBefore = salesforce.counters().total();
            Thread.sleep(sizes.changeEventIdleSeconds() * 1_000L);
            long idleCalls = salesforce.counters().total() - idleCallsBefore;
            Map<String, Long> idleCallsByEndpoint = new LinkedHashMap<>(calls(salesforce));
            idleCallsByEndpoint.replaceAll((endpoint, n) -> n - idleBefore.getOrDefault(endpoint, 0L));
            idleCallsByEndpoint.values().removeIf(n -> n == 0);

            salesforce.faults().latency(Duration.ofMillis(100));
            long callsBefore = salesforce.counters().total();
            Map<String, Long> edited = new ConcurrentHashMap<>();
            Map<String, Long> arrived = new ConcurrentHashMap<>();
            Thread watcher = new Thread(() -> watchPrmNames(store, edited, arrived, total), "bench-cdc-watcher");
            watcher.start();
            long interval = 1_000_000_000L / sizes.changeEventRate();
            long next = System.nanoTime();
            for (int i = 0; i < total; i++) {
                String name = "cdc edit " + i;
                salesforce.org().update(ids.get(i), Map.of("Name", name));
                edited.put(name, System.nanoTime());
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            watcher.join(Duration.ofSeconds(120).toMillis());
            long calls = salesforce.counters().total() - callsBefore;
            salesforce.faults().latency(Duration.ZERO);
            List<Double> latencies = new ArrayList<>();
            arrived.forEach((name, at) -> latencies.add((at - edited.get(name)) / 1e6));
            Collections.sort(latencies);
            double p99 = percentile(latencies, 0.99);
            // A poll a minute reads a minute's changes in pages of 2,000 records: one call per page.
            double changesPerMinute = sizes.changeEventRate() * 60.0;
            double pollingCallsPer1000 = Math.ceil(changesPerMinute / 2_000) * 1_000 / changesPerMinute;
            scenario.figure("edited", edited.size())
                    .figure("arrived", arrived.size())
                    .figure("p50Ms", round(percentile(latencies, 0.50)))
                    .figure("p95Ms", round(percentile(latencies, 0.95)))
                    .figure("p99Ms", round(p99))
                    .figure("apiCalls", calls)
                    .figure("apiCallsPer1000Changes", round(calls * 1_000.0 / Math.max(1, arrived.size())))
                    .figure("pollingEveryMinuteCallsPer1000Changes", round(pollingCallsPer1000))
                    .figure("idleSeconds", sizes.changeEventIdleSeconds())
                    .figure("apiCallsIdle", idleCalls)
                    .figure("apiCallsIdleByEndpoint", idleCallsByEndpoint)
                    .figure("pollingEveryMinuteCallsIdlePerHour", 60)
                    .target(
                            "change → PRM store p99 at " + sizes.changeEventRate() + "/s",
                            "< 1 s",
                            round(p99) + " ms",
                            arrived.size() == total && p99 < 1_000);
        }
    }

    /** Until no run has been under way for a second. */
    private static void awaitNoRunUnderWay(DataSource store, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            try (var connection = store.getConnection();
                    var statement =
                            connection.prepareStatement("SELECT COUNT(*) FROM sync_run WHERE finished_at IS NULL");
                    var rows = statement.executeQuery()) {
                rows.next();
                if (rows.getInt(1) > 0) {
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince
                        > Duration.ofSeconds(1).toNanos()) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Runs were still under way after " + patience);
    }

    private static void awaitPrmCount(DataSource store, String namePattern, int count, Duration patience)
            throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try (var connection = store.getConnection();
                    var statement =
                            connection.prepareStatement("SELECT COUNT(*) FROM partner_account WHERE name LIKE ?")) {
                statement.setString(1, namePattern);
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) >= count) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("The PRM store did not get " + count + " partners named " + namePattern);
    }

    private static void watchPrmNames(
            DataSource store, Map<String, Long> edited, Map<String, Long> arrived, int total) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (arrived.size() < total && System.nanoTime() < deadline) {
            try (var connection = store.getConnection();
                    var statement = connection.prepareStatement(
                            "SELECT name FROM partner_account WHERE name LIKE 'cdc edit %'");
                    var rows = statement.executeQuery()) {
                long now = System.nanoTime();
                while (rows.next()) {
                    String name = rows.getString(1);
                    if (edited.containsKey(name)) {
                        arrived.putIfAbsent(name, now);
                    }
                }
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void watch(
            SalesforceSimulator salesforce, Map<String, Long> accepted, Map<String, Long> seen, int total) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (seen.size() < total && System.nanoTime() < deadline) {
            // One field's values, not copies of every record: the watcher must not slow the simulator it watches.
            Set<Object> present = salesforce.org().values("Account", "PRM_Partner_Id__c");
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
     * this JVM's simulator, so only the service's memory is measured), then a full resync with its deletion sweep;
     * first at the baseline size, so the report shows whether what the service keeps alive grows with the org.
     */
    private void memory() throws Exception {
        int n = sizes.memoryAccounts();
        int baseline = sizes.memoryBaselineAccounts();
        BenchReport.Scenario scenario = report.scenario(
                "memory-inbound",
                "Inbound of " + n + " partner accounts by the packaged service running with -Xmx256m");
        // One store per benchmark JVM: the simulator's org of a million accounts takes gigabytes of this JVM's heap
        // (-DargLine=-Xmx14g at 1,000,000 accounts; the default quarter of this machine, 6 GiB, ran out).
        MemoryStore store = sizes.memoryOnPostgres() ? MemoryStore.POSTGRES : MemoryStore.H2_FILE;
        scenario.figure("store", store.label);
        MemoryRuns small = baseline > 0 && baseline < n ? memoryRuns(baseline, store) : null;
        MemoryRuns large = memoryRuns(n, store);
        MeasuredRun inbound = large.inbound();
        scenario.figure("idleLiveHeapMiB", large.idleLiveMiB())
                .figure("records", inbound.done())
                .figure("state", inbound.completed() ? "SUCCEEDED" : "died or failed")
                .figure("wallSeconds", round(inbound.seconds()))
                .figure("recordsPerSecond", Math.round(inbound.done() / inbound.seconds()))
                .figure("peakHeapMiB", inbound.peakHeapMiB())
                .figure("peakOldGenAfterGcMiB", inbound.peakOldGenMiB())
                .figure("peakLiveHeapMiB", inbound.peakLiveMiB())
                .target(
                        "completes within -Xmx256m",
                        n + " records",
                        inbound.done() + " (" + (inbound.completed() ? "completed" : "did not complete") + ")",
                        inbound.completed() && inbound.done() == n);
        MeasuredRun full = large.full();
        if (full != null) {
            scenario.figure("fullResyncSeconds", round(full.seconds()))
                    .figure("fullResyncPeakHeapMiB", full.peakHeapMiB())
                    .figure("fullResyncPeakOldGenAfterGcMiB", full.peakOldGenMiB())
                    .figure("fullResyncPeakLiveHeapMiB", full.peakLiveMiB())
                    .target(
                            "a full resync with its deletion sweep completes within -Xmx256m and finds the"
                                    + " accounts purged from the recycle bin",
                            "3 purged accounts found",
                            large.purgedFound() + " found (" + (full.completed() ? "completed" : "did not complete")
                                    + ")",
                            full.completed() && large.purgedFound() == 3);
        }
        long live = large.peakLiveMiB();
        scenario.target(
                "live heap (after a full collection, sampled every " + LIVE_HEAP_EVERY.toSeconds() + " s) at " + n
                        + " accounts",
                "<= 64 MiB",
                live + " MiB",
                live <= 64);
        if (small != null) {
            scenario.figure("baselineAccounts", baseline)
                    .figure("baselinePeakLiveHeapMiB", small.inbound().peakLiveMiB())
                    .figure(
                            "baselineFullResyncPeakLiveHeapMiB",
                            small.full() == null ? "did not run" : small.full().peakLiveMiB());
            scenario.target(
                    "live heap at " + n + " accounts within 1.5x of the figure at " + baseline,
                    "<= " + Math.round(small.peakLiveMiB() * 1.5) + " MiB",
                    live + " MiB",
                    live <= small.peakLiveMiB() * 1.5);
        }
    }

    /** @param idleLiveMiB the live heap of the started service before its first run: what the rest is measured from */
    private record MemoryRuns(long idleLiveMiB, MeasuredRun inbound, MeasuredRun full, long purgedFound) {

        long peakLiveMiB() {
            return Math.max(inbound.peakLiveMiB(), full == null ? 0 : full.peakLiveMiB());
        }
    }

    /**
     * Where the measured service keeps its store: the embedded default, whose page cache and unsaved pages live in
     * the service's heap (H2 gives each a share of the heap's size), or a PostgreSQL server, which leaves the heap
     * to the service's own work.
     */
    private enum MemoryStore {
        H2_FILE("H2 file (the default)") {
            @Override
            String url(Path dir, String database) {
                return storeUrl(dir);
            }

            @Override
            List<String> serviceArguments() {
                return List.of();
            }

            @Override
            Connection connect(String url) throws SQLException {
                return DriverManager.getConnection(url, "sa", "");
            }

            @Override
            void drop(String database) {
                // the file goes with its directory
            }
        },
        POSTGRES("PostgreSQL") {
            @Override
            String url(Path dir, String database) {
                return EmbeddedPostgres.jdbcUrl(database);
            }

            @Override
            List<String> serviceArguments() {
                return EmbeddedPostgres.serviceCredentials();
            }

            @Override
            Connection connect(String url) throws SQLException {
                return EmbeddedPostgres.connect(url);
            }

            @Override
            void drop(String database) {
                EmbeddedPostgres.drop(database);
            }
        };

        final String label;

        MemoryStore(String label) {
            this.label = label;
        }

        /** Where a measurement's store lives: a file under {@code dir}, or the database of that name. */
        abstract String url(Path dir, String database);

        /** What the measured service is told besides the URL. */
        abstract List<String> serviceArguments();

        /** A connection of the benchmark's own, while the service runs. */
        abstract Connection connect(String url) throws SQLException;

        /** Frees the measurement's store. */
        abstract void drop(String database);
    }

    private MemoryRuns memoryRuns(int n, MemoryStore store) throws Exception {
        Path dir = Files.createTempDirectory("prm-sync-bench-memory");
        String database = "bench_memory_" + UUID.randomUUID().toString().replace("-", "");
        String url = store.url(dir, database);
        try (SalesforceSimulator salesforce =
                SalesforceSimulator.start(SimulatorSettings.defaults().withPort(0))) {
            List<String> ids = seedSalesforce(salesforce, n, 0, 0);
            List<String> arguments = new ArrayList<>(store.serviceArguments());
            arguments.addAll(List.of(
                    "--prm-sync.schedule.first-run-delay=3600000",
                    "--prm-sync.sync.settle-lag=PT0S",
                    "--prm-sync.sync.bulk.threshold=" + sizes.bulkThreshold(),
                    "--management.endpoints.web.exposure.include=health,metrics",
                    "--logging.level.io.prmsync.sync=WARN"));
            try (ServiceProcess service = ServiceProcess.startMeasured(
                    salesforce,
                    url,
                    List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
                    arguments,
                    dir.resolve("service.log"))) {
                service.awaitHealthy(Duration.ofSeconds(120));
                long idleLiveMiB = service.liveHeapBytes() / (1024 * 1024);
                MeasuredRun inbound = measure(service, "incremental");
                if (!inbound.completed()) {
                    return new MemoryRuns(idleLiveMiB, inbound, null, 0);
                }
                // Gone from Salesforce and from its recycle bin: only the full resync's sweep of every live id can
                // still find them.
                List<String> purged = List.of(ids.get(0), ids.get(n / 2), ids.get(n - 1));
                for (String id : purged) {
                    salesforce.org().delete(id);
                    salesforce.org().purge(id);
                }
                MeasuredRun full = measure(service, "full");
                return new MemoryRuns(idleLiveMiB, inbound, full, softDeletedPartners(url, store));
            }
        } finally {
            deleteTree(dir);
            store.drop(database);
        }
    }

    /** The service's file store, open to this process too while the service runs. */
    private static String storeUrl(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("store") + ";AUTO_SERVER=TRUE";
    }

    private static long softDeletedPartners(String url, MemoryStore store) throws Exception {
        try (Connection db = store.connect(url);
                var rows = db.createStatement()
                        .executeQuery("SELECT COUNT(*) FROM partner_account WHERE deleted_at IS NOT NULL")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private record MeasuredRun(
            boolean completed, long done, double seconds, long peakHeapMiB, long peakOldGenMiB, long peakLiveMiB) {}

    /** How often the memory scenario asks the service for its live heap (each reading is one full collection). */
    private static final Duration LIVE_HEAP_EVERY = Duration.ofSeconds(5);

    /** Starts an inbound run of partner accounts and samples the service's heap until it ends. */
    private MeasuredRun measure(ServiceProcess service, String mode) throws Exception {
        String runId = json.readTree(service.post("/api/sync/partner-accounts/run?direction=inbound&mode=" + mode)
                        .body())
                .get("runIds")
                .get(0)
                .asText();
        long started = System.nanoTime();
        double peakUsed = 0;
        double peakOldGen = 0;
        long peakLive = 0;
        long nextLiveReading = started;
        com.fasterxml.jackson.databind.JsonNode run = null;
        while (service.isAlive()) {
            peakUsed = Math.max(peakUsed, metric(service, "jvm.memory.used?tag=area:heap"));
            peakOldGen = Math.max(peakOldGen, metric(service, "jvm.gc.live.data.size"));
            if (System.nanoTime() >= nextLiveReading) {
                try {
                    peakLive = Math.max(peakLive, service.liveHeapBytes());
                } catch (IOException | IllegalStateException noReading) {
                    // The service died (its state says so below) or would not answer: this sample is missing.
                }
                nextLiveReading = System.nanoTime() + LIVE_HEAP_EVERY.toNanos();
            }
            run = json.readTree(service.get("/api/sync/runs/" + runId).body());
            if (!"RUNNING".equals(run.path("state").asText("RUNNING"))) {
                break;
            }
            Thread.sleep(250);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        boolean completed = service.isAlive()
                && run != null
                && "SUCCEEDED".equals(run.path("state").asText());
        return new MeasuredRun(
                completed,
                run == null ? 0 : run.path("done").asLong(),
                seconds,
                Math.round(peakUsed / (1024 * 1024)),
                Math.round(peakOldGen / (1024 * 1024)),
                peakLive / (1024 * 1024));
    }

    private double metric(ServiceProcess service, String name) throws Exception {
        com.fasterxml.jackson.databind.JsonNode metric =
                json.readTree(service.get("/actuator/metrics/" + name).body());
        return metric.path("measurements").path(0).path("value").asDouble(0);
    }

    /**
     * Inbound of the three flows that carry the seeded records by one packaged-service node, then by three on one
     * PostgreSQL store, each running another flow ({@link ClusterInbound}).
     */
    private void clusterInbound() throws Exception {
        int n = sizes.clusterAccounts();
        BenchReport.Scenario scenario = report.scenario(
                "cluster-inbound",
                "Inbound of " + n + " partner accounts, " + n * sizes.dealsPerAccount() + " deal registrations and "
                        + n * sizes.certificationsPerAccount()
                        + " certifications on PostgreSQL by the packaged service: one node running the three flows,"
                        + " then three nodes running one flow each");
        if (n == 0) {
            scenario.notRun("-Dbench.cluster-accounts=0 (the smoke run: it would start four packaged nodes)");
            return;
        }
        new ClusterInbound(
                        n,
                        sizes.certificationsPerAccount(),
                        sizes.dealsPerAccount(),
                        sizes.bulkThreshold(),
                        Path.of("target", "bench", "cluster-inbound-logs"))
                .run(scenario);
    }

    // --- helpers --------------------------------------------------------------------------------------------

    /** Partner accounts, each with its certifications and its deal registrations (Leads); returns the account ids. */
    static List<String> seedSalesforce(SalesforceSimulator salesforce, int accounts, int certifications, int deals) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String dealType = salesforce
                .org()
                .insert(
                        "RecordType",
                        Map.of(
                                "Name",
                                "Deal Registration",
                                "DeveloperName",
                                "Deal_Registration",
                                "SobjectType",
                                "Lead",
                                "IsActive",
                                true));
        List<String> ids = new ArrayList<>(accounts);
        for (int i = 0; i < accounts; i++) {
            String id = salesforce
                    .org()
                    .insert(
                            "Account",
                            Map.of(
                                    "Name",
                                    "bench partner " + i,
                                    "IsPartner",
                                    true,
                                    "Phone",
                                    "+1 555 " + i,
                                    "Website",
                                    "https://partner" + i + ".example"));
            ids.add(id);
            for (int c = 0; c < certifications; c++) {
                SalesforceRecords.certification(
                        salesforce.org(),
                        id,
                        "C-bench-" + i + "-" + c,
                        "SALES-101",
                        today.minusDays(30),
                        today.plusDays(300));
            }
            for (int d = 0; d < deals; d++) {
                salesforce
                        .org()
                        .insert(
                                "Lead",
                                Map.of(
                                        "RecordTypeId",
                                        dealType,
                                        "PartnerAccountId",
                                        id,
                                        "Company",
                                        "Customer " + i + "-" + d,
                                        "LastName",
                                        "Buyer",
                                        "Deal_Amount__c",
                                        10_000 + d,
                                        "Registration_Status__c",
                                        "Approved",
                                        "PRM_Deal_Id__c",
                                        dealKey(i, d)));
            }
        }
        return ids;
    }

    private static String dealKey(int account, int deal) {
        return "D-bench-" + account + "-" + deal;
    }

    /** The deals as the portal registered them, before Salesforce approved them. */
    private static void insertPrmDeals(DataSource store, List<String> accountIds, int deals) throws Exception {
        try (Connection db = store.getConnection();
                PreparedStatement insert = db.prepareStatement(
                        "INSERT INTO deal_registration (deal_id, partner_id, customer_company, customer_contact, amount,"
                                + " currency, created_at, updated_at) VALUES (?, ?, ?, 'Buyer', ?, 'USD', CURRENT_TIMESTAMP,"
                                + " CURRENT_TIMESTAMP)")) {
            int n = 0;
            for (int i = 0; i < accountIds.size(); i++) {
                for (int d = 0; d < deals; d++) {
                    insert.setString(1, dealKey(i, d));
                    insert.setString(2, "SF-" + accountIds.get(i));
                    insert.setString(3, "Customer " + i + "-" + d);
                    insert.setInt(4, 10_000 + d);
                    insert.addBatch();
                    if (++n % 2_000 == 0) {
                        insert.executeBatch();
                    }
                }
            }
            insert.executeBatch();
        }
    }

    private static void insertPrmPartners(DataSource store, String prefix, int count) throws Exception {
        try (Connection db = store.getConnection();
                PreparedStatement insert = db.prepareStatement(
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
        return context.getBean(JdbcClient.class)
                .sql("SELECT COUNT(*) FROM " + table)
                .query(Long.class)
                .single();
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
        return sorted.isEmpty()
                ? Double.NaN
                : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /**
     * The memory scenario's file stores run to gigabytes at 1,000,000 accounts; none is kept after its run. The
     * cluster scenario clears its node logs from the run before.
     */
    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static Map<String, String> h2(String name) {
        return Map.of("spring.datasource.url", "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    private static Map<String, String> postgres(String database) {
        Map<String, String> properties = new HashMap<>();
        EmbeddedPostgres.register((name, value) -> properties.put(name, String.valueOf(value.get())), database);
        return properties;
    }

    private ConfigurableApplicationContext start(Map<String, String> store) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--prm-sync.sandbox.seed=false",
                "--prm-sync.sync.bulk.threshold=" + sizes.bulkThreshold(),
                "--prm-sync.sync.bulk.poll-interval=PT0.05S",
                "--prm-sync.schedule.first-run-delay=3600000",
                "--prm-sync.sync.settle-lag=PT0S",
                "--prm-sync.admin.tokens=" + TOKEN,
                "--prm-sync.webhooks.prm.secrets=" + SECRET,
                "--prm-sync.sandbox.daily-api-limit=100000000",
                "--logging.level.io.prmsync.sync=WARN"));
        store.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(PrmSyncApplication.class).run(args.toArray(String[]::new));
    }
}
