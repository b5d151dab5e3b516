package io.prmsync.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.sandbox.SimulatorSettings;
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
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service, run as a separate process against a simulated org in this JVM, is killed with SIGKILL at
 * random moments while it syncs 10,000 partner accounts both ways (and the changes made between kills), then
 * started again; after the last restart both sides must reconcile exactly: nothing lost, nothing duplicated.
 * The PRM store is an H2 file served by this JVM ({@code AUTO_SERVER}), so a kill drops the service's connection
 * mid-transaction the way a crash would with PostgreSQL. {@code -Dcrash.kills=N} sets the number of kills (3 in
 * the default build; {@code ./mvnw -B verify -Pcrash} runs 20).
 */
class CrashRecoveryIT {

    private static final int KILLS = Integer.getInteger("crash.kills", 3);
    private static final int PER_SIDE = Integer.getInteger("crash.records-per-side", 5_000);
    private static final long SEED = Long.getLong("crash.seed", 20261204L);
    private static final String TOKEN = "crash-test-token";

    @TempDir
    Path dir;

    private SalesforceSimulator salesforce;
    private ServiceProcess service;
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.kill();
        }
        if (salesforce != null) {
            salesforce.close();
        }
    }

    @Test
    void killedAtRandomMomentsTheServiceStillLeavesBothSidesEqual() throws Exception {
        System.out.printf("Crash harness: %d kills, %d records per side, seed %d%n", KILLS, PER_SIDE, SEED);
        Random random = new Random(SEED);
        salesforce = SalesforceSimulator.start(SimulatorSettings.defaults().withPort(0));
        String store = "jdbc:h2:file:" + dir.resolve("prm-store").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        try (Connection db = DriverManager.getConnection(store, "sa", "")) {
            Flyway.configure().dataSource(store, "sa", "").load().migrate();
            List<String> salesforceBorn = new ArrayList<>();
            for (int i = 0; i < PER_SIDE; i++) {
                salesforceBorn.add(salesforce
                        .org()
                        .insert("Account", Map.of("Name", "crash sf " + i, "IsPartner", true, "Phone", "+1 555 " + i)));
            }
            insertPrmPartners(db, PER_SIDE);
            List<String> kills = new ArrayList<>();
            for (int kill = 1; kill <= KILLS; kill++) {
                service = start(store, kill);
                long delay = 300 + random.nextInt(6_000);
                Thread.sleep(delay);
                service.kill();
                kills.add(delay + " ms (" + count(db, "SELECT COUNT(*) FROM partner_account") + " PRM rows, "
                        + count(
                                db,
                                "SELECT COUNT(*) FROM sync_record_state WHERE entity = 'partner-account'"
                                        + " AND sf_id IS NOT NULL")
                        + " of " + (2 * PER_SIDE) + " paired)");
                // Both sides keep changing while the service is down.
                for (int i = 0; i < 200; i++) {
                    salesforce
                            .org()
                            .update(
                                    salesforceBorn.get(random.nextInt(PER_SIDE)),
                                    Map.of("Phone", "+44 20 " + random.nextInt(1_000_000)));
                }
                try (PreparedStatement update = db.prepareStatement("UPDATE partner_account SET description = ?,"
                        + " updated_at = CURRENT_TIMESTAMP WHERE partner_id = ?")) {
                    for (int i = 0; i < 200; i++) {
                        update.setString(1, "after kill " + kill);
                        update.setString(2, "P-crash-" + random.nextInt(PER_SIDE));
                        update.addBatch();
                    }
                    update.executeBatch();
                }
            }
            System.out.println("Killed after " + kills + " of running");

            service = start(store, KILLS + 1);
            JsonNode report = awaitAgreement(Duration.ofMinutes(4));
            System.out.println("Reconciliation after the last restart: " + report);

            assertThat(report.get("unexplained").asLong()).isZero();
            assertThat(report.get("explainedByDeadLetters").asLong()).isZero();
            assertThat(report.get("duplicatesInSalesforce").asLong()).isZero();
            assertThat(report.get("matched").asLong()).isEqualTo(2L * PER_SIDE);
            Map<Object, Long> perKey = salesforce.org().records("Account").stream()
                    .filter(r -> r.get("PRM_Partner_Id__c") != null)
                    .collect(Collectors.groupingBy(r -> r.get("PRM_Partner_Id__c"), Collectors.counting()));
            assertThat(perKey).hasSize(2 * PER_SIDE);
            assertThat(perKey.values()).allMatch(n -> n == 1);
            try (Statement count = db.createStatement();
                    ResultSet rows =
                            count.executeQuery("SELECT COUNT(*) FROM partner_account WHERE deleted_at IS NULL")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(2L * PER_SIDE);
            }
        }
    }

    /** How far the sync had got when the process died. */
    private static long count(Connection db, String sql) throws Exception {
        try (Statement count = db.createStatement();
                ResultSet rows = count.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void insertPrmPartners(Connection db, int count) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO partner_account (partner_id, name,"
                + " description, created_at, updated_at) VALUES (?, ?, 'from the portal', CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP)")) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, "P-crash-" + i);
                insert.setString(2, "crash prm " + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private ServiceProcess start(String store, int life) throws Exception {
        return ServiceProcess.start(
                        salesforce,
                        store,
                        List.of("-Xmx512m"),
                        List.of(
                                "--prm-sync.schedule.first-run-delay=200",
                                "--prm-sync.flows.partner-accounts.inbound.period=500ms",
                                "--prm-sync.flows.partner-accounts.outbound.period=500ms",
                                "--prm-sync.sync.settle-lag=PT1S"),
                        dir.resolve("service-" + life + ".log"))
                .awaitHealthy(Duration.ofSeconds(90));
    }

    /** Polls the service's own reconciliation until both sides agree (the schedules keep running meanwhile). */
    private JsonNode awaitAgreement(Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        JsonNode report = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = service.get("/api/sync/partner-accounts/reconciliation");
            if (response.statusCode() == 200) {
                report = json.readTree(response.body());
                if (report.get("unexplained").asLong() == 0
                        && report.get("matched").asLong() == 2L * PER_SIDE) {
                    return report;
                }
            }
            Thread.sleep(2_000);
        }
        throw new AssertionError(
                "Both sides did not agree within " + patience + "; last report: " + report + "; logs in " + dir);
    }
}
