package io.prmsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.support.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefusalCounterTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final RefusalCounter counter = new RefusalCounter(3, Duration.ofMinutes(1), 100, clock);

    @Test
    void anAddressIsBlockedOnceItsRefusalsReachTheLimitWithinTheWindow() {
        assertThat(counter.refused("10.0.0.1")).isFalse();
        assertThat(counter.refused("10.0.0.1")).isFalse();
        assertThat(counter.blockedFor("10.0.0.1")).isEmpty();

        clock.advance(Duration.ofSeconds(20));
        assertThat(counter.refused("10.0.0.1")).as("the refusal that blocks").isTrue();

        clock.advance(Duration.ofSeconds(10));
        assertThat(counter.blockedFor("10.0.0.1")).hasValue(Duration.ofSeconds(30));
    }

    @Test
    void otherAddressesAreNotBlockedByItsRefusals() {
        for (int i = 0; i < 5; i++) {
            counter.refused("10.0.0.1");
        }

        assertThat(counter.blockedFor("10.0.0.2")).isEmpty();
    }

    @Test
    void theBlockEndsWithTheWindowAndCountingStartsAgain() {
        for (int i = 0; i < 3; i++) {
            counter.refused("10.0.0.1");
        }

        clock.advance(Duration.ofMinutes(1));

        assertThat(counter.blockedFor("10.0.0.1")).isEmpty();
        assertThat(counter.refused("10.0.0.1")).isFalse();
        assertThat(counter.blockedFor("10.0.0.1")).isEmpty();
    }

    @Test
    void refusalsSpreadOverSeveralWindowsNeverBlock() {
        for (int i = 0; i < 10; i++) {
            counter.refused("10.0.0.1");
            counter.refused("10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(counter.blockedFor("10.0.0.1")).isEmpty();
    }

    @Test
    void atMostTheConfiguredNumberOfAddressesIsRemembered() {
        RefusalCounter small = new RefusalCounter(2, Duration.ofMinutes(1), 3, clock);
        small.refused("10.0.0.1");
        small.refused("10.0.0.1");

        for (int i = 2; i < 1000; i++) {
            small.refused("10.0.0." + i);
        }

        assertThat(small.tracked()).isEqualTo(3);
        assertThat(small.blockedFor("10.0.0.1"))
                .as("forgotten first: heard from least recently")
                .isEmpty();
        assertThat(small.refused("10.0.0.999")).as("still counted").isTrue();
    }
}
