package io.prmsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SyncPropertiesTest {

    private static SyncProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("prm-sync.sync", SyncProperties.class);
    }

    @Test
    void theDefaultsBind() {
        SyncProperties defaults = bind(Map.of());

        assertThat(defaults.settleLag()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.overlap()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.bulk().pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.bulk().jobTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(defaults.bulk().resultsChunkBytes().toMegabytes()).isEqualTo(4);
    }

    @Test
    void aSettleLagUnderOneSecondIsWarnedAboutAndTheDefaultIsNot() {
        assertThat(bind(Map.of()).settleLagWarning()).isEmpty();
        assertThat(bind(Map.of("prm-sync.sync.settle-lag", "PT1S")).settleLagWarning())
                .isEmpty();
        assertThat(bind(Map.of("prm-sync.sync.settle-lag", "PT0.5S")).settleLagWarning())
                .hasValueSatisfying(warning -> assertThat(warning)
                        .contains("prm-sync.sync.settle-lag PT0.5S is under one second")
                        .contains("the overlap (PT5M) reads it again"));
        assertThat(bind(Map.of("prm-sync.sync.settle-lag", "PT0S", "prm-sync.sync.overlap", "PT0S"))
                        .settleLagWarning())
                .hasValueSatisfying(warning -> assertThat(warning).contains("nothing reads it again"));
    }

    @ParameterizedTest
    @CsvSource({
        "park-timeout, PT-1S, prm-sync.sync.park-timeout must not be negative",
        "lock-wait, PT-1S, prm-sync.sync.lock-wait must not be negative",
        "org-recheck, PT-1M, prm-sync.sync.org-recheck must not be negative",
        "bulk.poll-interval, PT0S, prm-sync.sync.bulk.poll-interval must be at least 1 ms",
        "bulk.poll-interval, PT-2S, prm-sync.sync.bulk.poll-interval must be at least 1 ms",
        "bulk.job-timeout, PT0S, prm-sync.sync.bulk.job-timeout must be positive",
        "bulk.results-chunk-bytes, 0B, prm-sync.sync.bulk.results-chunk-bytes must be at least 1B",
    })
    void aSettingThatWouldCrashOrSpinARunIsRefusedNamingItsKey(String key, String value, String message) {
        assertThatThrownBy(() -> bind(Map.of("prm-sync.sync." + key, value)))
                .rootCause()
                .hasMessageContaining(message)
                .hasMessageContaining(value);
    }
}
