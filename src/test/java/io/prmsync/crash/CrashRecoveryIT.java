package io.prmsync.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.sandbox.SimulatorSettings;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
    private static final long SEED = Long.getLong("crash.seed", System.nanoTime());
    private static final String TOKEN = "crash-test-token";

    @TempDir Path dir;
    private SalesforceSimulator salesforce;
    private Process service;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
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
                salesforceBorn.add(salesforce.org().insert("Account", Map.of("Name", "crash sf " + i,
                        "IsPartner", true, "Phone", "+1 555 " + i)));
            }
            insertPrmPartners(db, PER_SIDE);
            int port = freePort();
            List<String> kills = new ArrayList<>();
            for (int kill = 1; kill <= KILLS; kill++) {
                service = start(store, port, kill);
                waitUntilHealthy(port);
                long delay = 300 + random.nextInt(4_000);
                Thread.sleep(delay);
                service.destroyForcibly().waitFor();
                kills.add(delay + " ms (" + paired(db) + " of " + (2 * PER_SIDE) + " paired)");
                // Both sides keep changing while the service is down.
                for (int i = 0; i < 200; i++) {
                    salesforce.org().update(salesforceBorn.get(random.nextInt(PER_SIDE)),
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

            service = start(store, port, KILLS + 1);
            waitUntilHealthy(port);
            JsonNode report = awaitAgreement(port, Duration.ofMinutes(4));
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
                    ResultSet rows = count.executeQuery("SELECT COUNT(*) FROM partner_account WHERE deleted_at IS NULL")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(2L * PER_SIDE);
            }
        }
    }

    /** How far the sync had got when the process died: PRM rows paired with a Salesforce record. */
    private static long paired(Connection db) throws Exception {
        try (Statement count = db.createStatement();
                ResultSet rows = count.executeQuery("SELECT COUNT(*) FROM sync_record_state"
                        + " WHERE entity = 'partner-account' AND sf_id IS NOT NULL")) {
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

    private Process start(String store, int port, int life) throws IOException {
        SimulatorSettings sandbox = SimulatorSettings.defaults();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar(),
                "--spring.profiles.active=crash-test",
                "--server.port=" + port,
                "--spring.datasource.url=" + store,
                "--camel.component.salesforce.login-url=" + salesforce.baseUrl(),
                "--camel.component.salesforce.authentication-type=USERNAME_PASSWORD",
                "--camel.component.salesforce.client-id=" + sandbox.clientId(),
                "--camel.component.salesforce.client-secret=" + sandbox.clientSecret(),
                "--camel.component.salesforce.user-name=" + sandbox.username(),
                "--camel.component.salesforce.password=" + sandbox.password(),
                "--prm-sync.admin.tokens=" + TOKEN,
                "--prm-sync.schedule.first-run-delay=200",
                "--prm-sync.schedule.partner-accounts-inbound=500",
                "--prm-sync.schedule.partner-accounts-outbound=500",
                "--prm-sync.sync.settle-lag=PT1S"));
        File log = dir.resolve("service-" + life + ".log").toFile();
        return new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(log).start();
    }

    private static String jar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.map(Path::toString).filter(f -> f.matches(".*prm-sync-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "No packaged service in target/: run through 'mvn verify' (package comes first)"));
        }
    }

    private void waitUntilHealthy(int port) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new AssertionError("The service exited with " + service.exitValue() + "; see " + dir);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The service did not become healthy within 90 s; see the logs in " + dir);
    }

    /** Polls the service's own reconciliation until both sides agree (the schedules keep running meanwhile). */
    private JsonNode awaitAgreement(int port, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        JsonNode report = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/sync/partner-accounts/reconciliation")).header("Authorization", "Bearer " + TOKEN)
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                report = json.readTree(response.body());
                if (report.get("unexplained").asLong() == 0 && report.get("matched").asLong() == 2L * PER_SIDE) {
                    return report;
                }
            }
            Thread.sleep(2_000);
        }
        throw new AssertionError("Both sides did not agree within " + patience + "; last report: " + report
                + "; logs in " + dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
