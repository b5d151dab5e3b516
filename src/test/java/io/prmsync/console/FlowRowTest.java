package io.prmsync.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlowRowTest {

    @Test
    void aLagIsWordedInTheUnitAnAdminReadsAtAGlance() {
        assertThat(FlowRow.describe(Duration.ofSeconds(-3)))
                .as("a clock a little ahead")
                .isEqualTo("0 s");
        assertThat(FlowRow.describe(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(FlowRow.describe(Duration.ofMinutes(17).plusSeconds(59))).isEqualTo("17 min");
        assertThat(FlowRow.describe(Duration.ofHours(5).plusMinutes(3))).isEqualTo("5 h 3 min");
        assertThat(FlowRow.describe(Duration.ofDays(3).plusHours(2))).isEqualTo("3 days");
    }
}
