package io.prmsync.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.sandbox.Endpoint;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.sandbox.SimulatorSettings;
import io.prmsync.support.EmbeddedPostgres;
import io.prmsync.support.ServiceProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service, run as a separate process against a simulated org in this JVM, is killed with SIGKILL
 * while it syncs partner accounts both ways (and the changes made between kills), then started again; after the
 * last restart both sides must reconcile exactly: nothing lost, nothing duplicated. Kills land at random moments,
 * or at write points: right after Salesforce has carried out the Nth call of a kind (a Collections write, a
 * query page, a Bulk API 2.0 job's close or results) and before the service hears the answer. The PRM store is an
 * H2 file the service opens itself, as the embedded default store runs, so a kill takes the database down with the
 * service mid-transaction and the next life recovers the file; or PostgreSQL, which drops the dead connection's
 * transaction. This JVM opens the store only while no service runs (seeding, changing rows, counting), as a
 * second process would block the file or, with {@code AUTO_SERVER}, serve it and put every statement of the
 * service on a socket. {@code -Dcrash.kills=N} sets the number of random kills (3 in the default build;
 * {@code ./mvnw -B verify -Pcrash} runs 20).
 */
class CrashRecoveryIT {

    private static final int KILLS = Integer.getInteger("crash.kills", 3);
    private static final int PER_SIDE = Integer.getInteger("crash.records-per-side", 5_000);
    private static final int PER_SIDE_AT_WRITE_POINTS = 3_000;
    private static final long SEED = Long.getLong("crash.seed", 20261204L);
    private static final Duration WRITE_POINT_PATIENCE = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    private SalesforceSimulator salesforce;
    private final AtomicReference<ServiceProcess> service = new AtomicReference<>();
    private final ObjectMapper json = new ObjectMapper();

    /** A write point: the {@code nth} call of the endpoint, counted from the service's start. */
    private record KillPoint(Endpoint endpoint, int nth) {}

    /** A PRM store the service processes and this test share. */
    private record Store(String url, String user, String password) {
        /** The URL goes separately: a property given twice on a command line reads as both values joined. */
        List<String> credentials() {
            return List.of("--spring.datasource.username=" + user, "--spring.datasource.password=" + password);
        }

        Connection connect() throws Exception {
            return DriverManager.getConnection(url, user, password);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        ServiceProcess running = service.get();
        if (running != null) {
            running.kill();
        }
        if (salesforce != null) {
            salesforce.close();
        }
    }

    @Test
    void killedAtRandomMomentsTheServiceStillLeavesBothSidesEqual() throws Exception {
        System.out.printf("Crash harness: %d kills, %d records per side, seed %d%n", KILLS, PER_SIDE, SEED);
        Random random = new Random(SEED);
        Store store = h2Store();
        List<String> salesforceBorn = seed(store, PER_SIDE);
        List<String> kills = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            start(store, kill, List.of()).awaitHealthy(Duration.ofSeconds(90));
            long delay = 300 + random.nextInt(6_000);
            Thread.sleep(delay);
            service.get().kill();
            kills.add(delay + " ms (" + progress(store, PER_SIDE) + ")");
            changeBothSides(store, random, salesforceBorn, PER_SIDE, kill, 200);
        }
        System.out.println("Killed after " + kills + " of running");

        assertBothSidesEqualAfterARestart(store, KILLS + 1, List.of(), PER_SIDE);
    }

    @Test
    void killedRightAfterSalesforceCarriedOutAWriteOrAReadTheServiceStillLeavesBothSidesEqual() throws Exception {
        killAtWritePoints(
                h2Store(),
                List.of(),
                List.of(
                        new KillPoint(Endpoint.COLLECTION_UPSERT, 3),
                        new KillPoint(Endpoint.COLLECTION_UPDATE, 1),
                        new KillPoint(Endpoint.QUERY_MORE, 1)),
                PER_SIDE_AT_WRITE_POINTS);
    }

    @Test
    void killedAtBulkJobWritePointsOnPostgresqlTheServiceStillLeavesBothSidesEqual() throws Exception {
        String url = EmbeddedPostgres.jdbcUrl("crash_bulk");
        killAtWritePoints(
                new Store(url, EmbeddedPostgres.USER, EmbeddedPostgres.USER),
                List.of("--prm-sync.sync.bulk.threshold=1000", "--prm-sync.sync.bulk.poll-interval=PT0.05S"),
                List.of(
                        new KillPoint(Endpoint.BULK_QUERY_RESULTS, 1),
                        new KillPoint(Endpoint.BULK_INGEST_STATE, 1),
                        new KillPoint(Endpoint.BULK_INGEST_RESULTS, 1)),
                PER_SIDE_AT_WRITE_POINTS);
    }

    /**
     * Each point must be reached whatever the last life got done: the first life has every record to sync (3 upserts
     * or a query job are certain), and between lives every record on both sides changes, so the next life has
     * updates by id (of rows paired before), a read of more than a page, and ingest jobs to do.
     *
     * @param changesPerLife edits on each side between two lives; all records when it is the number per side
     */
    private void killAtWritePoints(Store store, List<String> arguments, List<KillPoint> points, int changesPerLife)
            throws Exception {
        Random random = new Random(SEED);
        List<String> salesforceBorn = seed(store, PER_SIDE_AT_WRITE_POINTS);
        List<String> landed = new ArrayList<>();
        int life = 0;
        for (KillPoint point : points) {
            life++;
            CountDownLatch killed = new CountDownLatch(1);
            Instant started = Instant.now();
            start(store, life, arguments);
            salesforce.faults().afterServing(point.endpoint(), point.nth(), () -> {
                killQuietly();
                killed.countDown();
            });
            boolean reached = killed.await(WRITE_POINT_PATIENCE.toSeconds(), TimeUnit.SECONDS);
            if (!reached) {
                salesforce.faults().clear();
                killQuietly();
            }
            // The kill runs on the simulator's thread: the process must be gone before this JVM opens its store.
            service.get().kill();
            landed.add(point.endpoint() + " #" + point.nth() + ": "
                    + (reached
                            ? "killed "
                                    + Duration.between(started, Instant.now()).toMillis() + " ms after start"
                            : "not reached in " + WRITE_POINT_PATIENCE.toSeconds() + " s, killed then")
                    + " (" + progress(store, PER_SIDE_AT_WRITE_POINTS) + ")");
            changeBothSides(store, random, salesforceBorn, PER_SIDE_AT_WRITE_POINTS, life, changesPerLife);
        }
        System.out.println("Write-point kills: " + landed);
        assertThat(landed).as("every kill landed at its write point").noneMatch(kill -> kill.contains("not reached"));

        assertBothSidesEqualAfterARestart(store, life + 1, arguments, PER_SIDE_AT_WRITE_POINTS);
    }

    private void killQuietly() {
        try {
            service.get().kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Store h2Store() {
        return new Store("jdbc:h2:file:" + dir.resolve("prm-store").toAbsolutePath(), "sa", "");
    }

    /**
     * Partners on both sides, none synced yet, in a fresh org and a migrated store; answers the ids of those born in
     * Salesforce.
     */
    private List<String> seed(Store store, int perSide) throws Exception {
        salesforce = SalesforceSimulator.start(SimulatorSettings.defaults().withPort(0));
        Flyway.configure()
                .dataSource(store.url(), store.user(), store.password())
                .load()
                .migrate();
        List<String> salesforceBorn = new ArrayList<>();
        for (int i = 0; i < perSide; i++) {
            salesforceBorn.add(salesforce
                    .org()
                    .insert("Account", Map.of("Name", "crash sf " + i, "IsPartner", true, "Phone", "+1 555 " + i)));
        }
        try (Connection db = store.connect();
                PreparedStatement insert = db.prepareStatement("INSERT INTO partner_account (partner_id, name,"
                        + " description, created_at, updated_at) VALUES (?, ?, 'from the portal', CURRENT_TIMESTAMP,"
                        + " CURRENT_TIMESTAMP)")) {
            for (int i = 0; i < perSide; i++) {
                insert.setString(1, "P-crash-" + i);
                insert.setString(2, "crash prm " + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return salesforceBorn;
    }

    /** Both sides keep changing while the service is down. */
    private void changeBothSides(
            Store store, Random random, List<String> salesforceBorn, int perSide, int life, int changes)
            throws Exception {
        boolean everyRecord = changes >= perSide;
        for (int i = 0; i < changes; i++) {
            salesforce
                    .org()
                    .update(
                            salesforceBorn.get(everyRecord ? i : random.nextInt(perSide)),
                            Map.of("Phone", "+44 20 " + random.nextInt(1_000_000)));
        }
        try (Connection db = store.connect();
                PreparedStatement update = db.prepareStatement("UPDATE partner_account SET description = ?,"
                        + " updated_at = CURRENT_TIMESTAMP WHERE partner_id = ?")) {
            for (int i = 0; i < changes; i++) {
                update.setString(1, "after kill " + life);
                update.setString(2, "P-crash-" + (everyRecord ? i : random.nextInt(perSide)));
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private void assertBothSidesEqualAfterARestart(Store store, int life, List<String> arguments, int perSide)
            throws Exception {
        start(store, life, arguments).awaitHealthy(Duration.ofSeconds(90));
        JsonNode report = awaitAgreement(Duration.ofMinutes(4), perSide);
        System.out.println("Reconciliation after the last restart: " + report);

        assertThat(report.get("unexplained").asLong()).isZero();
        assertThat(report.get("explainedByDeadLetters").asLong()).isZero();
        assertThat(report.get("duplicatesInSalesforce").asLong()).isZero();
        assertThat(report.get("matched").asLong()).isEqualTo(2L * perSide);
        Map<Object, Long> perKey = salesforce.org().records("Account").stream()
                .filter(r -> r.get("PRM_Partner_Id__c") != null)
                .collect(Collectors.groupingBy(r -> r.get("PRM_Partner_Id__c"), Collectors.counting()));
        assertThat(perKey).hasSize(2 * perSide);
        assertThat(perKey.values()).allMatch(n -> n == 1);
        service.get().kill();
        try (Connection db = store.connect()) {
            assertThat(count(db, "SELECT COUNT(*) FROM partner_account WHERE deleted_at IS NULL"))
                    .isEqualTo(2L * perSide);
        }
    }

    /** How far the sync had got when the process died. */
    private static String progress(Store store, int perSide) throws Exception {
        try (Connection db = store.connect()) {
            return count(db, "SELECT COUNT(*) FROM partner_account") + " PRM rows, "
                    + count(
                            db,
                            "SELECT COUNT(*) FROM sync_record_state WHERE entity = 'partner-account'"
                                    + " AND sf_id IS NOT NULL")
                    + " of " + (2 * perSide) + " paired";
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement count = db.createStatement();
                ResultSet rows = count.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private ServiceProcess start(Store store, int life, List<String> arguments) throws Exception {
        List<String> all = new ArrayList<>(store.credentials());
        all.addAll(List.of(
                "--prm-sync.schedule.first-run-delay=200",
                "--prm-sync.flows.partner-accounts.inbound.period=500ms",
                "--prm-sync.flows.partner-accounts.outbound.period=500ms",
                "--prm-sync.sync.settle-lag=PT1S"));
        all.addAll(arguments);
        service.set(ServiceProcess.start(
                salesforce, store.url(), List.of("-Xmx512m"), all, dir.resolve("service-" + life + ".log")));
        return service.get();
    }

    private long salesforceRecordsWithAPrmKey() {
        return salesforce.org().records("Account").stream()
                .filter(r -> r.get("PRM_Partner_Id__c") != null)
                .count();
    }

    /** Polls the service's own reconciliation until both sides agree (the schedules keep running meanwhile). */
    private JsonNode awaitAgreement(Duration patience, int perSide) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        JsonNode report = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = service.get().get("/api/sync/partner-accounts/reconciliation");
            if (response.statusCode() == 200) {
                report = json.readTree(response.body());
                // The reconciliation pairs by the sync state; records born in Salesforce carry the PRM key only once
                // an outbound run has stamped it, which may still be under way when the values already agree.
                if (report.get("unexplained").asLong() == 0
                        && report.get("matched").asLong() == 2L * perSide
                        && salesforceRecordsWithAPrmKey() == 2L * perSide) {
                    return report;
                }
            }
            Thread.sleep(2_000);
        }
        throw new AssertionError("Both sides did not agree within " + patience + "; last report: " + report + "; "
                + salesforceRecordsWithAPrmKey() + " Salesforce records carry a PRM key; logs in " + dir);
    }
}
