package io.prmsync.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.prmsync.PrmSyncApplication;
import io.prmsync.yaml.ConfigInvalidException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The safety net for admins' edits: every route file loads, an edit to a route file or template changes behaviour,
 * and a flow whose mapping, route and schedule do not agree stops start-up.
 */
class RouteFilesIT {

    @TempDir
    Path routes;

    @Test
    void everyShippedRouteFileLoadsAndEveryRouteStarts() throws IOException {
        copyShippedRoutes();
        try (ConfigurableApplicationContext app = start("shipped")) {
            CamelContext camel = app.getBean(CamelContext.class);
            List<String> files;
            try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
                files = shipped.map(p -> p.getFileName().toString()).toList();
            }

            assertThat(files).contains("partner-accounts.camel.yaml", "salesforce-calls.camel.yaml", "templates");
            assertThat(camel.getRoutes())
                    .extracting(Route::getRouteId)
                    .contains(
                            "partner-accounts-inbound-schedule", "partner-accounts-inbound",
                            "partner-accounts-outbound-schedule", "partner-accounts-outbound");
            assertThat(camel.getRoutes())
                    .allSatisfy(route -> assertThat(camel.getRouteController().getRouteStatus(route.getRouteId()))
                            .isEqualTo(ServiceStatus.Started));
        }
    }

    @Test
    void theScheduleInTheFlowDefinitionIsTheScheduleTheServiceRuns() throws IOException {
        copyShippedRoutes();
        try (ConfigurableApplicationContext app = start(
                "schedule",
                "--prm-sync.flows.partner-accounts.inbound.period=300ms",
                "--prm-sync.schedule.first-run-delay=0")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(jdbc.sql(
                                            "SELECT COUNT(*) FROM sync_run WHERE flow = 'partner-accounts' AND direction = 'INBOUND'"
                                                    + " AND state = 'SUCCEEDED'")
                                    .query(Long.class)
                                    .single())
                            .isGreaterThanOrEqualTo(3));
        }
    }

    @Test
    void aFlowDisabledInItsDefinitionDoesNotRun() throws IOException {
        copyShippedRoutes();
        try (ConfigurableApplicationContext app =
                start("disabled", "--prm-sync.flows.partner-accounts.outbound.enabled=false")) {
            CamelContext camel = app.getBean(CamelContext.class);

            assertThat(camel.getRouteController().getRouteStatus("partner-accounts-outbound-schedule"))
                    .isEqualTo(ServiceStatus.Stopped);
            assertThat(camel.getRouteController().getRouteStatus("partner-accounts-inbound-schedule"))
                    .isEqualTo(ServiceStatus.Started);
        }
    }

    @Test
    void aRouteFileThatNamesAFlowWithoutAMappingStopsStartUpNamingTheFile() throws IOException {
        copyShippedRoutes();
        edit("tier-members.camel.yaml", "value: tier-members", "value: tier-memberz");

        assertThatThrownBy(() -> start("unknown-flow").close())
                .isInstanceOf(ConfigInvalidException.class)
                .hasMessageContaining("tier-members.camel.yaml")
                .hasMessageContaining("names flow 'tier-memberz', which no mapping defines");
    }

    @Test
    void aMappingWithoutARouteStopsStartUp() throws IOException {
        copyShippedRoutes();
        Files.delete(routes.resolve("tier-members.camel.yaml"));

        assertThatThrownBy(() -> start("no-route").close())
                .isInstanceOf(ConfigInvalidException.class)
                .hasMessageContaining("mapping of flow 'tier-members' has no route")
                .hasMessageContaining("prm-sync.flows.tier-members.outbound is scheduled, but no route file makes"
                        + " route tier-members-outbound");
    }

    @Test
    void anEditedFlowTemplateChangesEveryFlowMadeFromIt() throws IOException {
        copyShippedRoutes();
        edit("templates/inbound-flow.camel.yaml", """
                          - bean:
                              id: "{{flow}}-inbound-read-changes"
                              ref: flowSteps
                              method: readChanges
                """, "");
        try (ConfigurableApplicationContext app = start("edited-template")) {
            app.getBean(org.apache.camel.ProducerTemplate.class).sendBody("direct:partner-accounts-inbound", null);
            JdbcClient jdbc = app.getBean(JdbcClient.class);

            assertThat(jdbc.sql("SELECT state FROM sync_run WHERE flow = 'partner-accounts'")
                            .query(String.class)
                            .list())
                    .containsExactly("SUCCEEDED");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM partner_account")
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    private ConfigurableApplicationContext start(String database, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:routes-" + database + ";DB_CLOSE_DELAY=-1",
                "--camel.main.routes-include-pattern=file:" + routes.toAbsolutePath() + "/templates/*.camel.yaml,file:"
                        + routes.toAbsolutePath() + "/*.camel.yaml"));
        args.addAll(List.of(more));
        if (args.stream().noneMatch(arg -> arg.startsWith("--prm-sync.schedule.first-run-delay="))) {
            args.add("--prm-sync.schedule.first-run-delay=3600000");
        }
        return new SpringApplicationBuilder(PrmSyncApplication.class).run(args.toArray(String[]::new));
    }

    private void copyShippedRoutes() throws IOException {
        Path shippedRoot = Path.of("routes");
        try (Stream<Path> shipped = Files.walk(shippedRoot)) {
            for (Path file : shipped.toList()) {
                Path target = routes.resolve(shippedRoot.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private void edit(String file, String from, String to) throws IOException {
        Path path = routes.resolve(file);
        String content = Files.readString(path);
        assertThat(content).contains(from);
        Files.writeString(path, content.replace(from, to));
    }
}
