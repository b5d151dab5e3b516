package io.prmsync.sandbox.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prmsync.PrmSyncApplication;
import io.prmsync.config.StartRefusedException;
import io.prmsync.support.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The sandbox, started the way a deployment that forgot its profile would start it (no profile, a PostgreSQL URL),
 * refuses before it touches the database; told it may, it runs there.
 */
class SandboxStoreGuardIT {

    @Test
    void aPostgresqlStoreIsRefusedBeforeAnyConnectionIsTried() {
        // Nothing listens on port 9: had the service tried to connect, the failure would be a connection error.
        String unreachable = "jdbc:postgresql://127.0.0.1:9/prm?password=url-secret";

        // Thrown as it is, from before any bean is made (a bean's failure would come wrapped).
        assertThatThrownBy(() -> start(unreachable))
                .isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("spring.datasource.url is jdbc:postgresql://127.0.0.1:9/prm,")
                .hasMessageContaining("SPRING_PROFILES_ACTIVE=org")
                .hasMessageContaining("PRM_SYNC_SANDBOX_ALLOW_EXTERNAL_STORE=true")
                .hasMessageNotContaining("url-secret");
    }

    @Test
    void aRefusedStoreIsLeftWithoutATable() {
        String url = EmbeddedPostgres.jdbcUrl("sandbox_refused");

        assertThatThrownBy(() -> start(url)).isInstanceOf(StartRefusedException.class);

        assertThat(tables(url)).isEmpty();
    }

    @Test
    void theSandboxRunsOnPostgresqlWhenAllowed() {
        String url = EmbeddedPostgres.jdbcUrl("sandbox_allowed");

        try (ConfigurableApplicationContext context = start(url, "--prm-sync.sandbox.allow-external-store=true")) {
            assertThat(context.getEnvironment().getActiveProfiles()).isEmpty();
            assertThat(context.getEnvironment().getDefaultProfiles()).containsExactly("sandbox");
        }

        assertThat(tables(url)).contains("flyway_schema_history", "partner_account");
    }

    private static ConfigurableApplicationContext start(String url, String... extra) {
        List<String> arguments = new ArrayList<>(EmbeddedPostgres.serviceCredentials());
        arguments.addAll(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--prm-sync.sandbox.seed=false",
                "--prm-sync.schedule.first-run-delay=3600000",
                "--prm-sync.admin.tokens=guard-test-token",
                "--prm-sync.webhooks.prm.secrets=guard-test-secret",
                "--prm-sync.webhooks.salesforce.secrets=guard-test-secret"));
        arguments.addAll(List.of(extra));
        return new SpringApplicationBuilder(PrmSyncApplication.class).run(arguments.toArray(String[]::new));
    }

    private static List<String> tables(String url) {
        return new JdbcTemplate(new DriverManagerDataSource(url, EmbeddedPostgres.USER, EmbeddedPostgres.USER))
                .queryForList(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", String.class);
    }
}
