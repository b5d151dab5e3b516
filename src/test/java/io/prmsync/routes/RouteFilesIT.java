package io.prmsync.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prmsync.PrmSyncApplication;
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

/** The safety net for admins' edits: every route file loads, and an edit to a route file changes behaviour. */
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

            assertThat(files).contains("partner-accounts-inbound.camel.yaml", "partner-accounts-outbound.camel.yaml");
            assertThat(camel.getRoutes()).extracting(Route::getRouteId).contains(
                    "partner-accounts-inbound-schedule", "partner-accounts-inbound",
                    "partner-accounts-outbound-schedule", "partner-accounts-outbound");
            assertThat(camel.getRoutes()).allSatisfy(route -> assertThat(
                    camel.getRouteController().getRouteStatus(route.getRouteId())).isEqualTo(ServiceStatus.Started));
        }
    }

    @Test
    void aScheduleEditedInTheRouteFileIsTheScheduleTheServiceRuns() throws IOException {
        copyShippedRoutes();
        edit("partner-accounts-inbound.camel.yaml",
                "period: \"{{prm-sync.schedule.partner-accounts-inbound:60000}}\"", "period: 300");
        edit("partner-accounts-inbound.camel.yaml",
                "delay: \"{{prm-sync.schedule.first-run-delay:5000}}\"", "delay: 0");
        try (ConfigurableApplicationContext app = start("schedule")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
                    "SELECT COUNT(*) FROM sync_run WHERE flow = 'partner-accounts' AND direction = 'INBOUND'"
                            + " AND state = 'SUCCEEDED'").query(Long.class).single()).isGreaterThanOrEqualTo(3));
        }
    }

    @Test
    void aFlowDisabledInItsRouteFileDoesNotRun() throws IOException {
        copyShippedRoutes();
        edit("partner-accounts-outbound.camel.yaml", "autoStartup: true", "autoStartup: false");
        try (ConfigurableApplicationContext app = start("disabled")) {
            CamelContext camel = app.getBean(CamelContext.class);

            assertThat(camel.getRouteController().getRouteStatus("partner-accounts-outbound-schedule"))
                    .isEqualTo(ServiceStatus.Stopped);
            assertThat(camel.getRouteController().getRouteStatus("partner-accounts-inbound-schedule"))
                    .isEqualTo(ServiceStatus.Started);
        }
    }

    private ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(PrmSyncApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:routes-" + database + ";DB_CLOSE_DELAY=-1",
                "--camel.main.routes-include-pattern=file:" + routes.toAbsolutePath() + "/*.camel.yaml",
                "--prm-sync.schedule.first-run-delay=3600000");
    }

    private void copyShippedRoutes() throws IOException {
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
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
