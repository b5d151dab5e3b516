package io.prmsync.sandbox.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prmsync.config.StartRefusedException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SandboxStoreCheckTest {

    @Nested
    class TheSandboxsOwnStore {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "jdbc:h2:file:./data/prm-store",
                    "jdbc:h2:mem:tests;DB_CLOSE_DELAY=-1",
                    "jdbc:h2:./data/prm-store",
                    "JDBC:H2:FILE:/tmp/store;AUTO_SERVER=TRUE"
                })
        void isAnEmbeddedH2Database(String url) {
            assertThatCode(() -> SandboxStoreCheck.requireOwnStore(Map.of("spring.datasource.url", url), false))
                    .doesNotThrowAnyException();
        }

        @Test
        void isWhatTheServiceUsesWithNoUrlAtAll() {
            assertThatCode(() -> SandboxStoreCheck.requireOwnStore(Map.of(), false))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    class AnyOtherStore {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "jdbc:postgresql://db:5432/prm?reWriteBatchedInserts=true",
                    "jdbc:h2:tcp://store-host/prm",
                    "jdbc:h2:ssl://store-host/prm",
                    "jdbc:mysql://db/prm"
                })
        void isRefused(String url) {
            assertThatThrownBy(() -> SandboxStoreCheck.requireOwnStore(Map.of("spring.datasource.url", url), false))
                    .isInstanceOf(StartRefusedException.class);
        }

        @Test
        void isRefusedSayingWhatIsWrongAndWhatToSetWithoutShowingCredentials() {
            assertThatThrownBy(() -> SandboxStoreCheck.requireOwnStore(
                            Map.of(
                                    "spring.datasource.url",
                                    "jdbc:postgresql://prm:hunter2@db:5432/prm?password=hunter2&ssl=true"),
                            false))
                    .isInstanceOfSatisfying(StartRefusedException.class, refused -> {
                        assertThat(refused.problem())
                                .contains("sandbox profile")
                                .contains("spring.datasource.url is jdbc:postgresql://db:5432/prm,")
                                .contains("not an embedded H2 database");
                        assertThat(refused.action())
                                .contains("SPRING_PROFILES_ACTIVE=org")
                                .contains("PRM_SYNC_SANDBOX_ALLOW_EXTERNAL_STORE=true");
                    })
                    .hasMessageNotContaining("hunter2");
        }

        @Test
        void isRefusedWhenOnlyFlywayWouldMigrateIt() {
            Map<String, String> urls = new HashMap<>();
            urls.put("spring.datasource.url", "jdbc:h2:mem:x");
            urls.put("spring.flyway.url", "jdbc:postgresql://db/prm");

            assertThatThrownBy(() -> SandboxStoreCheck.requireOwnStore(urls, false))
                    .hasMessageContaining("spring.flyway.url is jdbc:postgresql://db/prm");
        }

        @Test
        void isAcceptedWhenTheOperatorAllowsIt() {
            assertThatCode(() -> SandboxStoreCheck.requireOwnStore(
                            Map.of("spring.datasource.url", "jdbc:postgresql://db/prm"), true))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    class TheGuard {

        @Test
        void readsTheUrlWithItsPlaceholderResolved() {
            StandardEnvironment environment = environment(Map.of("PRM_SYNC_DB_URL", "jdbc:postgresql://db/prm"));
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "config", Map.of("spring.datasource.url", "${PRM_SYNC_DB_URL:jdbc:h2:mem:x}")));

            assertThatThrownBy(() -> guard(environment)).isInstanceOf(StartRefusedException.class);
        }

        @Test
        void takesTheAllowFlagFromItsEnvironmentVariable() {
            StandardEnvironment environment = environment(Map.of(
                    "SPRING_DATASOURCE_URL",
                    "jdbc:postgresql://db/prm",
                    "PRM_SYNC_SANDBOX_ALLOW_EXTERNAL_STORE",
                    "true"));

            assertThatCode(() -> guard(environment)).doesNotThrowAnyException();
        }

        @Test
        void refusesWithoutIt() {
            StandardEnvironment environment = environment(Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://db/prm"));

            assertThatThrownBy(() -> guard(environment)).isInstanceOf(StartRefusedException.class);
        }

        private StandardEnvironment environment(Map<String, Object> variables) {
            StandardEnvironment environment = new StandardEnvironment();
            environment
                    .getPropertySources()
                    .replace(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            new SystemEnvironmentPropertySource(
                                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
            return environment;
        }

        private void guard(StandardEnvironment environment) {
            DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
            beans.registerSingleton("environment", environment);
            new SandboxStoreGuard().postProcessBeanFactory(beans);
        }
    }
}
