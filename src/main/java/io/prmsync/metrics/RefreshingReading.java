package io.prmsync.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value read from the store at most once per {@code maxAge}, however often it is asked for: gauges are read on
 * every scrape (one per meter), and a scrape must not cost the store a query per gauge.
 */
public final class RefreshingReading<T> {

    private final Supplier<T> source;
    private final Duration maxAge;
    private final Clock clock;
    private T value;
    private Instant readAt;

    public RefreshingReading(Supplier<T> source, Duration maxAge, Clock clock) {
        this.source = source;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public synchronized T get() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(maxAge))) {
            value = source.get();
            readAt = now;
        }
        return value;
    }
}
