package io.prmsync.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Refused requests per caller address in fixed windows: an address refused {@code maxRefusals} times within a
 * window is blocked until that window ends. At most {@code maxTracked} addresses are remembered, the ones heard
 * from least recently forgotten first, so a caller rotating addresses costs bounded memory (and at worst frees an
 * address it had got blocked). The console's login counts its failed attempts with it too.
 */
public final class RefusalCounter {

    private record Window(Instant start, int refusals) {}

    private final int maxRefusals;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows;

    public RefusalCounter(int maxRefusals, Duration window, int maxTracked, Clock clock) {
        if (maxRefusals < 1 || maxTracked < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("Refusals need a positive limit, window and number of addresses");
        }
        this.maxRefusals = maxRefusals;
        this.window = window;
        this.clock = clock;
        this.windows = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > maxTracked;
            }
        };
    }

    /** How long the address stays blocked, if it is. */
    public synchronized Optional<Duration> blockedFor(String address) {
        Instant now = clock.instant();
        Window current = current(address, now);
        if (current == null || current.refusals() < maxRefusals) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, current.start().plus(window)));
    }

    /**
     * Counts a refusal of the address.
     *
     * @return whether this refusal is the one that blocks it
     */
    public synchronized boolean refused(String address) {
        Instant now = clock.instant();
        Window current = current(address, now);
        Window next = current == null ? new Window(now, 1) : new Window(current.start(), current.refusals() + 1);
        windows.put(address, next);
        return next.refusals() == maxRefusals;
    }

    synchronized int tracked() {
        return windows.size();
    }

    private Window current(String address, Instant now) {
        Window found = windows.get(address);
        if (found != null && !now.isBefore(found.start().plus(window))) {
            windows.remove(address);
            return null;
        }
        return found;
    }
}
