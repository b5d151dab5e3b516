package io.prmsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SchedulePropertiesTest {

    private static ScheduleProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("prm-sync.schedule", ScheduleProperties.class);
    }

    @Test
    void theDefaultsBind() {
        ScheduleProperties defaults = bind(Map.of());

        assertThat(defaults.firstRunDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.tierEvaluation()).isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest
    @CsvSource({
        "tier-evaluation, PT0S, 'prm-sync.schedule.tier-evaluation must be positive, was PT0S'",
        "tier-evaluation, PT-1H, 'prm-sync.schedule.tier-evaluation must be positive, was PT-1H'",
        "first-run-delay, PT-1S, prm-sync.schedule.first-run-delay must not be negative"
    })
    void aScheduleThatCannotBeMeantIsRefusedByName(String key, String value, String message) {
        assertThatThrownBy(() -> bind(Map.of("prm-sync.schedule." + key, value)))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining(message);
    }
}
