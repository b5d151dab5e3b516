package io.prmsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.support.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RefreshingReadingTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final AtomicInteger reads = new AtomicInteger();
    private boolean storeDown;

    private final RefreshingReading<Integer> reading = RefreshingReading.of(
            () -> {
                reads.incrementAndGet();
                if (storeDown) {
                    throw new IllegalStateException("connection refused");
                }
                return reads.get();
            },
            Duration.ofSeconds(10),
            clock);

    @Test
    void readsTheStoreAtMostOncePerMaxAgeHoweverOftenItIsAsked() {
        assertThat(reading.get()).contains(1);
        clock.advance(Duration.ofSeconds(9));
        assertThat(reading.get()).contains(1);
        assertThat(reading.get()).contains(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(reading.get()).contains(2);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFailedReadAnswersEmptyUntilTheNextRefreshWithoutAskingTheStoreAgain() {
        assertThat(reading.get()).contains(1);
        clock.advance(Duration.ofSeconds(10));
        storeDown = true;
        assertThat(reading.get()).as("no stale value while the store is down").isEmpty();
        assertThat(reading.get()).isEmpty();
        assertThat(reads).as("one try per refresh, not one per gauge").hasValue(2);

        clock.advance(Duration.ofSeconds(10));
        storeDown = false;
        assertThat(reading.get()).contains(3);
    }
}
