package io.prmsync.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from the store at most once per {@code maxAge}, however often it is asked for: gauges are read on
 * every scrape (one per meter), and a scrape must not cost the store a query per gauge. A failed read counts as a
 * read too, answered empty until the next: with the store down, every gauge asking again would wait out the
 * connection pool's timeout in turn and stall the scrape.
 */
public final class RefreshingReading<T> {

    private static final Logger log = LoggerFactory.getLogger(RefreshingReading.class);

    private final Supplier<T> source;
    private final Duration maxAge;
    private final Clock clock;
    private Optional<T> value = Optional.empty();
    private Instant readAt;
    private boolean failing;

    private RefreshingReading(Supplier<T> source, Duration maxAge, Clock clock) {
        this.source = source;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public static <T> RefreshingReading<T> of(Supplier<T> source, Duration maxAge, Clock clock) {
        return new RefreshingReading<>(source, maxAge, clock);
    }

    /** The latest reading, empty while the store cannot be read. */
    public synchronized Optional<T> get() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(maxAge))) {
            readAt = now;
            try {
                value = Optional.of(source.get());
                failing = false;
            } catch (RuntimeException e) {
                value = Optional.empty();
                if (!failing) {
                    log.warn(
                            "A metric could not be read from the store; its gauges show no value until it can: {}",
                            e.toString());
                }
                failing = true;
            }
        }
        return value;
    }
}
